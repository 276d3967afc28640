package org.ancconnect.sync.log;

import java.time.Instant;
import java.util.List;

/** One tracked entity's line in the sync log. */
public record SyncEntry(String trackedEntity, String program, String status, Instant publishedAt, Instant syncedVersion,
        int attempts, String lastError, List<String> fhirVersions, Instant syncedAt, Instant updatedAt) {
}
