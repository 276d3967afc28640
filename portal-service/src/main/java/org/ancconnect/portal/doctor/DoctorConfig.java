package org.ancconnect.portal.doctor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The doctor portal's access rules ({@code portal.doctor.*}). */
@ConfigMapping(prefix = "portal.doctor")
public interface DoctorConfig {

    /** How long the access grant a mother gives by verifying at the consultation lasts (a clinic day and the night). */
    @WithDefault("24h")
    Duration grantDuration();

    /**
     * How long a break-glass access stays open: 4 h covers an emergency admission and hand-over; after it the doctor
     * must break the glass again (with a new reason) or get her grant.
     */
    @WithDefault("4h")
    Duration breakGlassWindow();

    /** Shortest break-glass reason accepted (a few words, not "x"). */
    @WithDefault("10")
    int breakGlassReasonMinLength();

    /** Longest free text accepted (break-glass reason, consultation findings). */
    @WithDefault("2000")
    int maxTextLength();

    /** The verification purpose sent to identity-service (shown to the mother in her consent). */
    @WithDefault("doctor-access")
    String verificationPurpose();
}
