package org.ancconnect.portal.clients;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.List;

/** sync-service's JSON shapes (its README, "API"). */
public final class SyncModels {

    private SyncModels() {
    }

    /** An ANC visit: one COMPLETED event of the mother's enrollment, at the PHM's facility (from her token). */
    public record Visit(String trackedEntity, String enrollment, String programStage, OffsetDateTime occurredAt,
            List<DataValue> dataValues) {
    }

    public record DataValue(String dataElement, String value) {
    }

    /** A registered mother as sync-service carried her into DHIS2 and the NEHR. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Patient(String phn, String displayName, String trackedEntity, String enrollment, String orgUnit,
            OffsetDateTime registeredAt, String dhis2Status, String nehrStatus, String lastError, OffsetDateTime updatedAt) {
    }
}
