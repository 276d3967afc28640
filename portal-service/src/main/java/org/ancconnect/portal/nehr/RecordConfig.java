package org.ancconnect.portal.nehr;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The per-PHN caches of records and of doctors' access ({@code portal.record.*}). */
@ConfigMapping(prefix = "portal.record")
public interface RecordConfig {

    /**
     * How long a parsed record is reused. This portal's own writes (consultation) invalidate it at once; a write by
     * anyone else (sync-service, another replica) shows after at most this long. 15 s: a doctor re-opening the page
     * within a consultation reuses it, a DHIS2 visit takes longer than that to reach the NEHR anyway.
     */
    @WithDefault("15s")
    Duration cacheTtl();

    /** Records kept (a 40-visit record is ~0.3 MB on the heap: 300 of them fit the 512 MiB container). */
    @WithDefault("300")
    int cacheSize();

    /**
     * How long a doctor's live grant or break-glass window is reused. Every request still checks its exact end; this
     * only bounds how long a Consent revoked directly in the NEHR (the portal never revokes) stays honoured.
     */
    @WithDefault("15s")
    Duration accessCacheTtl();

    /** Doctor-patient access decisions kept. */
    @WithDefault("10000")
    int accessCacheSize();
}
