package org.ancconnect.portal.nehr;

/**
 * The one search that reads a mother's whole record: her Patient by PHN with every Encounter, Observation,
 * Condition, MedicationStatement, ServiceRequest and Appointment that points at her, and the Practitioners who saw
 * her at each visit. One request instead of seven; the NEHR loads up to 1,000 included resources per page (HAPI's
 * default), about 45 visits of sync-service's shape (an encounter and up to 20 observations each).
 */
public final class RecordQuery {

    private RecordQuery() {
    }

    public static String byPhn(String phn) {
        return "Patient?identifier=" + Transactions.token(Systems.PHN, Systems.phnValue(phn))
                + "&_revinclude=Encounter:subject&_revinclude=Observation:subject&_revinclude=Condition:subject"
                + "&_revinclude=MedicationStatement:subject&_revinclude=ServiceRequest:subject&_revinclude=Appointment:actor"
                + "&_include:iterate=Encounter:participant";
    }
}
