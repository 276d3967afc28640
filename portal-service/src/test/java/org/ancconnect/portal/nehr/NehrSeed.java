package org.ancconnect.portal.nehr;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.ThreadLocalRandom;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Puts a mother into the NEHR the way sync-service does (Patient by PHN, a midwife Practitioner, visits as
 * Encounters with a blood-pressure panel and a fundal height each, a condition, a supplement, a referral and an
 * upcoming appointment) in one transaction. Used by the tests and the record-page benchmark.
 */
public final class NehrSeed {

    public static final String ESIGNET_SUB_SYSTEM = "http://dhis2.health.gov.lk/identifier/esignet-sub";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Further measurements of an ANC visit, with the codes of sync-service's mapping file: system, code, name, value, unit. */
    static final String[][] EXTRA = {
        {Systems.SNOMED, "104718002", "Hemoglobin measurement", "11.2", "g/dL"},
        {Systems.SNOMED, "33747003", "Glucose measurement, blood", "92", "mg/dL"},
        {Systems.LOINC, "11885-1", "Gestational age Estimated from last menstrual period", "24", "wk"},
        {Systems.LOINC, "29463-7", "Body weight", "61.5", "kg"},
        {Systems.LOINC, "8867-4", "Heart rate", "82", "/min"},
        {Systems.LOINC, "55283-6", "Fetal heart rate", "142", "/min"},
    };

    private NehrSeed() {
    }

    /** A fresh PHN-shaped value nobody else uses (tests share one NEHR). */
    public static String newPhn() {
        return "TSTX-" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000) + "-" + ThreadLocalRandom.current().nextInt(10);
    }

    /** Seeds her with {@code visits} visits, the first {@code visits} weeks before now; answers the PHN. */
    public static String mother(String baseUrl, String phn, String name, String esignetSub, int visits) {
        return mother(baseUrl, phn, name, "1996-04-12", esignetSub, visits);
    }

    /** The same with her birth date (yyyy-MM-dd), for a mother eSignet knows. */
    public static String mother(String baseUrl, String phn, String name, String birthDate, String esignetSub, int visits) {
        return mother(baseUrl, phn, name, birthDate, esignetSub, visits, 0);
    }

    /**
     * The same with up to {@link #EXTRA} more measurements per visit (haemoglobin, glucose, gestational age...), the
     * size of a real DHIS2 visit, for the benchmark.
     */
    public static String mother(String baseUrl, String phn, String name, String birthDate, String esignetSub, int visits,
            int extraPerVisit) {
        Bundle tx = Transactions.transaction();
        Patient p = new Patient();
        p.addIdentifier().setSystem(Systems.PHN).setValue(Systems.phnValue(phn)); // as sync-service writes it
        if (esignetSub != null) {
            p.addIdentifier().setSystem(ESIGNET_SUB_SYSTEM).setValue(esignetSub);
        }
        p.addName(Transactions.name(name));
        p.setGender(Enumerations.AdministrativeGender.FEMALE);
        p.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(birthDate));
        p.addTelecom().setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE).setValue("+94771234567");
        String patient = Transactions.create(tx, p, null);
        Practitioner midwife = new Practitioner();
        midwife.addIdentifier().setSystem("http://dhis2.health.gov.lk/identifier/user").setValue("midwife-1");
        midwife.addName(Transactions.name("Kamala Silva"));
        String pr = Transactions.create(tx, midwife, "identifier=" + Transactions.token("http://dhis2.health.gov.lk/identifier/user", "midwife-1"));
        OffsetDateTime first = OffsetDateTime.now(ZoneOffset.ofHoursMinutes(5, 30)).minusWeeks(visits).withNano(0);
        String lastEncounter = null;
        for (int i = 0; i < visits; i++) {
            DateTimeType at = fhirDateTime(first.plusWeeks(i));
            Encounter enc = new Encounter();
            enc.setStatus(Encounter.EncounterStatus.FINISHED);
            enc.addType(ConsultationWriter.concept(Systems.SNOMED, "424619006", "Prenatal visit"));
            enc.setSubject(new Reference(patient));
            enc.addParticipant().setIndividual(new Reference(pr));
            enc.getPeriod().setStartElement(at).setEndElement(at);
            lastEncounter = Transactions.create(tx, enc, null);
            Observation bp = observation(patient, lastEncounter, at, Systems.LOINC, Systems.BP_PANEL, "Blood Pressure");
            bp.addComponent().setCode(ConsultationWriter.concept(Systems.LOINC, Systems.BP_SYSTOLIC, "Systolic"))
                    .setValue(mmHg(110 + (i * 7) % 35));
            bp.addComponent().setCode(ConsultationWriter.concept(Systems.LOINC, Systems.BP_DIASTOLIC, "Diastolic"))
                    .setValue(mmHg(70 + (i * 5) % 20));
            Transactions.create(tx, bp, null);
            Observation fh = observation(patient, lastEncounter, at, Systems.SNOMED, "364253002", "Fundal height");
            fh.setValue(new Quantity().setValue(12 + i).setUnit("cm").setSystem(Systems.UCUM).setCode("cm"));
            Transactions.create(tx, fh, null);
            for (int x = 0; x < Math.min(extraPerVisit, EXTRA.length); x++) {
                Observation o = observation(patient, lastEncounter, at, EXTRA[x][0], EXTRA[x][1], EXTRA[x][2]);
                o.setValue(new Quantity().setValue(new BigDecimal(EXTRA[x][3])).setUnit(EXTRA[x][4]).setSystem(Systems.UCUM)
                        .setCode(EXTRA[x][4]));
                Transactions.create(tx, o, null);
            }
        }
        if (lastEncounter != null) {
            Condition c = new Condition();
            c.setCode(ConsultationWriter.concept(Systems.SNOMED, "38341003", "Hypertensive disorder"));
            c.setClinicalStatus(ConsultationWriter.concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"));
            c.setSubject(new Reference(patient));
            c.setRecordedDateElement(fhirDateTime(first));
            Transactions.create(tx, c, null);
            MedicationStatement m = new MedicationStatement();
            m.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
            m.setMedication(ConsultationWriter.concept(Systems.SNOMED, "418558000", "Iron and folic acid"));
            m.setSubject(new Reference(patient));
            m.setEffective(fhirDateTime(first));
            Transactions.create(tx, m, null);
            ServiceRequest sr = new ServiceRequest();
            sr.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
            sr.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
            sr.setCode(ConsultationWriter.concept(Systems.SNOMED, "3457005", "Patient referral"));
            sr.addReasonCode().setText("Raised blood pressure");
            sr.setSubject(new Reference(patient));
            sr.setAuthoredOnElement(fhirDateTime(first));
            Transactions.create(tx, sr, null);
        }
        Appointment a = new Appointment();
        a.setStatus(Appointment.AppointmentStatus.BOOKED);
        a.addServiceType(ConsultationWriter.concept(Systems.SNOMED, "424619006", "Prenatal visit"));
        a.setStart(Date.from(OffsetDateTime.now().plusDays(14).toInstant()));
        a.setEnd(Date.from(OffsetDateTime.now().plusDays(14).plusMinutes(30).toInstant()));
        a.addParticipant().setStatus(Appointment.ParticipationStatus.NEEDSACTION).setActor(new Reference(patient));
        a.addParticipant().setStatus(Appointment.ParticipationStatus.ACCEPTED).setActor(new Reference().setDisplay("MOH Office Colombo"));
        Transactions.create(tx, a, null);
        post(baseUrl, NehrClient.FHIR.newJsonParser().encodeResourceToString(tx));
        return phn;
    }

    private static Observation observation(String patient, String encounter, DateTimeType at, String system, String code, String text) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(ConsultationWriter.concept(system, code, text));
        o.setSubject(new Reference(patient));
        o.setEncounter(new Reference(encounter));
        o.setEffective(at.copy());
        return o;
    }

    private static Quantity mmHg(int v) {
        return new Quantity().setValue(new BigDecimal(v)).setUnit("mmHg").setSystem(Systems.UCUM).setCode("mm[Hg]");
    }

    /**
     * Her AuditEvents once the portal's audit relay has written at least {@code atLeast} of them (views are audited
     * through a durable queue, so the NEHR has them seconds after the page) and the count has then stayed the same
     * for two seconds, so an extra, wrong one would be counted too. Fails after 90 s.
     */
    public static int awaitAuditEvents(String baseUrl, String phn, int atLeast) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
        int count = auditEvents(baseUrl, phn);
        long stableSince = System.nanoTime();
        while (true) {
            if (count >= atLeast && System.nanoTime() - stableSince >= java.time.Duration.ofSeconds(2).toNanos()) {
                return count;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the NEHR holds " + count + " AuditEvents for " + phn + " after 90 s, expected at least " + atLeast);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            int now = auditEvents(baseUrl, phn);
            if (now != count) {
                count = now;
                stableSince = System.nanoTime();
            }
        }
    }

    /** How many AuditEvents name her (every record view and break-glass writes one). */
    public static int auditEvents(String baseUrl, String phn) {
        return count(baseUrl + "/AuditEvent?entity:Patient.identifier=" + Transactions.token(Systems.PHN, Systems.phnValue(phn)));
    }

    /** How many Encounters (visits, consultations) the NEHR holds for her. */
    public static int encounters(String baseUrl, String phn) {
        return count(baseUrl + "/Encounter?subject:Patient.identifier=" + Transactions.token(Systems.PHN, Systems.phnValue(phn)));
    }

    /** The total of a search ({@code _summary=count}). */
    private static int count(String search) {
        String body = get(search + "&_summary=count");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"total\"\\s*:\\s*(\\d+)").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("No total in the NEHR's count answer");
        }
        return Integer.parseInt(m.group(1));
    }

    static String get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void post(String baseUrl, String json) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl)).timeout(Duration.ofMinutes(2))
                    .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("NEHR seed failed: " + r.statusCode() + " " + r.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** OffsetDateTime.toString() drops ":00" seconds, which FHIR dateTime rejects; always print them. */
    static DateTimeType fhirDateTime(OffsetDateTime t) {
        return new DateTimeType(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t));
    }
}
