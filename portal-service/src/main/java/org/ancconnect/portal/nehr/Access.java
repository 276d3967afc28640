package org.ancconnect.portal.nehr;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What a doctor may do with a mother's record right now, from the NEHR: her Patient (null when the NEHR does not
 * know the PHN), the end of her current access grant (a Consent), and the end of a break-glass access window.
 *
 * @param esignetSubjects the eSignet subjects on her NEHR Patient (to check a verification against)
 */
public record Access(MotherRecord.Demographics patient, List<String> esignetSubjects, Instant grantUntil,
        Instant breakGlassUntil, String breakGlassReason) {

    public boolean known() {
        return patient != null;
    }

    public boolean granted(Instant now) {
        return grantUntil != null && now.isBefore(grantUntil);
    }

    public boolean breakGlass(Instant now) {
        return breakGlassUntil != null && now.isBefore(breakGlassUntil);
    }

    /** End of the grant as a date-time (pages format it in clinic time). */
    public OffsetDateTime grantEnds() {
        return grantUntil == null ? null : grantUntil.atOffset(ZoneOffset.UTC);
    }

    /** End of the break-glass window as a date-time. */
    public OffsetDateTime breakGlassEnds() {
        return breakGlassUntil == null ? null : breakGlassUntil.atOffset(ZoneOffset.UTC);
    }

    /** The record may be read: a live grant or a live break-glass window. */
    public boolean allowed(Instant now) {
        return granted(now) || breakGlass(now);
    }
}
