package org.ancconnect.portal.nehr;

/** Code and identifier systems the portal reads and writes (the NEHR IG's and HL7's; sync-service writes the same). */
public final class Systems {

    public static final String NEHR = "http://fhir.health.gov.lk/ips/";
    public static final String PHN = NEHR + "identifier/phn";
    public static final String NIC = NEHR + "identifier/nic";
    public static final String HIN = NEHR + "identifier/hin";
    public static final String SYSTEM_ID = NEHR + "identifier/system-id";
    public static final String PROVIDER_LOCATION = NEHR + "identifier/provider-location";
    public static final String ID_TYPES = NEHR + "CodeSystem/cs-identifier-types";
    public static final String LOINC = "http://loinc.org";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    /** v3 ActReason (purpose of use): TREAT, BTG, PATRQT. */
    public static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    public static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    /** LOINC code of the blood-pressure panel the NEHR IG's blood-pressure profile fixes. */
    public static final String BP_PANEL = "85354-9";
    public static final String BP_SYSTOLIC = "8480-6";
    public static final String BP_DIASTOLIC = "8462-4";

    private Systems() {
    }

    /**
     * The PHN's canonical form (no separators, upper case), as phn-service's events carry it and sync-service keys and
     * writes it (its status API, DHIS2, the NEHR), while
     * people and phn-service's API use the display form ({@code CMBT-P87ZFX-6}); every comparison, look-up, NEHR search
     * and conditional reference by PHN in the portal goes through here so both forms find the same mother.
     */
    public static String phnValue(String phn) {
        return phn == null ? null : phn.replaceAll("[^A-Za-z0-9]", "").toUpperCase(java.util.Locale.ROOT);
    }

    /** The NEHR IG's StructureDefinition URL of a profile. */
    public static String profile(String name) {
        return NEHR + "StructureDefinition/" + name;
    }
}
