package org.ancconnect.portal.nehr;

import java.time.OffsetDateTime;

/** One line of "who accessed my record": when, who, in which role, why, and whether it was break-glass. */
public record AccessEntry(OffsetDateTime at, String who, String role, String purpose, boolean breakGlass, String reason,
        boolean grantEvent) {
}
