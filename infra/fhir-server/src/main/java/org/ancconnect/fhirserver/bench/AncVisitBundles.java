package org.ancconnect.fhirserver.bench;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * NEHR-style transaction bundles of one ANC visit, shaped the way sync-service writes them: every entry
 * a conditional PUT on its business identifier (PHN, DHIS2 event uid, event + data element), fullUrls
 * {@code urn:uuid:}, references between entries by those fullUrls.
 */
public final class AncVisitBundles {

    public static final String PHN_SYSTEM = "http://fhir.health.gov.lk/ips/identifier/phn";
    /** Business-identifier systems of this generator; sync-service's mapping config owns the real ones. */
    public static final String EVENT_SYSTEM = "urn:ancconnect:dhis2:event";
    public static final String EVENT_VALUE_SYSTEM = "urn:ancconnect:dhis2:event-data-value";

    /** ANC visit measurements (LOINC code, display, UCUM unit, typical value), cycled for more. */
    private static final String[][] MEASUREMENTS = {
        {"8480-6", "Systolic blood pressure", "mm[Hg]", "118"},
        {"8462-4", "Diastolic blood pressure", "mm[Hg]", "76"},
        {"29463-7", "Body weight", "kg", "61.5"},
        {"718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", "11.8"},
        {"11881-0", "Uterus Fundal height by Tape measure", "cm", "28"},
    };

    /** NEHR rule: a dateTime with a time part carries its UTC offset (and FHIR wants the seconds). */
    private static final DateTimeFormatter SECONDS_WITH_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private AncVisitBundles() {
    }

    /**
     * @param phn           the mother's PHN (the Patient's conditional-PUT key)
     * @param eventUid      the DHIS2 event uid of the visit (the Encounter's key)
     * @param visitTime     when the visit took place, with its UTC offset
     * @param observations  number of Observations (each keyed by event uid + data element)
     */
    public static Bundle ancVisit(String phn, String eventUid, OffsetDateTime visitTime, int observations) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);

        Patient patient = new Patient();
        patient.addIdentifier(new Identifier().setSystem(PHN_SYSTEM).setValue(phn));
        patient.addName(new HumanName().setFamily("Perera").addGiven("Nimali"));
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType("1996-03-14"));
        String patientUrl = put(bundle, patient, "Patient?identifier=" + PHN_SYSTEM + "|" + phn);

        Encounter encounter = new Encounter();
        encounter.addIdentifier(new Identifier().setSystem(EVENT_SYSTEM).setValue(eventUid));
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        encounter.setSubject(new Reference(patientUrl));
        Date start = Date.from(visitTime.toInstant());
        encounter.setPeriod(new Period().setStart(start).setEnd(Date.from(visitTime.plusMinutes(20).toInstant())));
        String encounterUrl = put(bundle, encounter, "Encounter?identifier=" + EVENT_SYSTEM + "|" + eventUid);

        for (int i = 0; i < observations; i++) {
            String[] m = MEASUREMENTS[i % MEASUREMENTS.length];
            String key = eventUid + "-" + m[0] + (i < MEASUREMENTS.length ? "" : "-" + i);
            Observation obs = new Observation();
            obs.addIdentifier(new Identifier().setSystem(EVENT_VALUE_SYSTEM).setValue(key));
            obs.setStatus(Observation.ObservationStatus.FINAL);
            obs.addCategory(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital Signs")));
            obs.setCode(new CodeableConcept(new Coding("http://loinc.org", m[0], m[1])));
            obs.setSubject(new Reference(patientUrl));
            obs.setEncounter(new Reference(encounterUrl));
            obs.setEffective(new DateTimeType(SECONDS_WITH_OFFSET.format(visitTime)));
            obs.setValue(new Quantity().setValue(new BigDecimal(m[3])).setUnit(m[2])
                    .setSystem("http://unitsofmeasure.org").setCode(m[2]));
            put(bundle, obs, "Observation?identifier=" + EVENT_VALUE_SYSTEM + "|" + key);
        }
        return bundle;
    }

    /** Adds a conditional-PUT entry and returns its urn:uuid fullUrl for references. */
    private static String put(Bundle bundle, Resource resource, String matchUrl) {
        String fullUrl = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry()
                .setFullUrl(fullUrl)
                .setResource(resource)
                .getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(matchUrl);
        return fullUrl;
    }
}
