package org.ancconnect.portal.nehr;

/** Why a record is read, as HL7 v3 ActReason (purpose of use) codes on the AuditEvent. */
public enum Purpose {
    /** A doctor with the mother's access grant, treating her. */
    TREAT("Treatment"),
    /** Emergency access without a grant ("break the glass"), with a mandatory reason. */
    BTG("Break the glass"),
    /** The mother reading her own record. */
    PATRQT("Patient requested");

    private final String display;

    Purpose(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }
}
