package org.ancconnect.sync.registration;

import java.time.Instant;

/**
 * Where a mother's registration stands in DHIS2 and the NEHR, as the portal shows it. Statuses: PENDING,
 * SYNCED, RETRYING, FAILED; a retired (merged) PHN reads MERGED in DHIS2 and REPLACED in the NEHR.
 */
public record PatientStatus(String phn, String displayName, String trackedEntity, String enrollment, String orgUnit,
        Instant registeredAt, String dhis2Status, String nehrStatus, String lastError, Instant updatedAt) {
}
