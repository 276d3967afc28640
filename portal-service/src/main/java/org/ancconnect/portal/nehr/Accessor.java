package org.ancconnect.portal.nehr;

/**
 * Who reads or writes a record, as the NEHR's AuditEvents, Consents and Provenance name them: a staff member (an
 * NEHR Practitioner identified by the staff subject) or the mother herself (her Patient, by PHN).
 *
 * @param role the portal role acting (DOCTOR, PATIENT...), recorded as the agent's role
 */
public record Accessor(Kind kind, String subject, String name, String role) {

    /** Staff or the patient herself. */
    public enum Kind {
        STAFF, PATIENT
    }

    public static Accessor staff(String subject, String name, String role) {
        return new Accessor(Kind.STAFF, subject, name, role);
    }

    public static Accessor patient(String phn, String name) {
        return new Accessor(Kind.PATIENT, phn, name, "PATIENT");
    }
}
