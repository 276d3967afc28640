package org.ancconnect.identity.session;

import java.util.List;

/**
 * Who a session belongs to, as internal tokens describe them: staff (subject = staff id, role, facility) or a
 * patient (subject = her eSignet pairwise sub, role PATIENT, PHN when phn-service knows her).
 */
public record Principal(Kind kind, String subject, List<String> roles, String facility, String phn, String displayName) {

    /** Staff or patient. */
    public enum Kind { STAFF, PATIENT }
}
