package org.ancconnect.portal.nehr;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Type;

/**
 * Turns the NEHR's answer to {@link RecordQuery} (her Patient with every resource that points at her) into the
 * {@link MotherRecord} the pages show. Pure: no I/O, so it is tested on bundles alone.
 */
public final class RecordMapper {

    private RecordMapper() {
    }

    /** The record in a search result bundle, or null when the bundle holds no Patient. */
    public static MotherRecord map(Bundle bundle, OffsetDateTime now) {
        Patient patient = null;
        List<Encounter> encounters = new ArrayList<>();
        List<Observation> observations = new ArrayList<>();
        Map<String, String> practitioners = new HashMap<>();
        List<MotherRecord.Item> conditions = new ArrayList<>();
        List<MotherRecord.Item> medications = new ArrayList<>();
        List<MotherRecord.Referral> referrals = new ArrayList<>();
        List<MotherRecord.Appointment> appointments = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            Resource r = e.getResource();
            switch (r) {
                case Patient p -> patient = p;
                case Encounter enc -> encounters.add(enc);
                case Observation obs -> observations.add(obs);
                case Practitioner pr -> practitioners.put(pr.getIdElement().getIdPart(), name(pr.getNameFirstRep()));
                case Condition c -> conditions.add(new MotherRecord.Item(text(c.getCode()), code(c.getClinicalStatus()),
                        time(c.getRecordedDateElement())));
                case MedicationStatement m -> medications.add(new MotherRecord.Item(medication(m), m.getStatus().toCode(),
                        time(m.hasEffectiveDateTimeType() ? m.getEffectiveDateTimeType() : m.getDateAssertedElement())));
                case ServiceRequest s -> referrals.add(new MotherRecord.Referral(text(s.getCode()), s.getStatus().toCode(),
                        time(s.getAuthoredOnElement()), s.hasReasonCode() ? text(s.getReasonCodeFirstRep()) : null));
                case Appointment a -> appointment(a, now, appointments);
                default -> {
                    // Other resources that point at her (e.g. Consent, AuditEvent) are not part of the clinical record.
                }
            }
        }
        if (patient == null) {
            return null;
        }
        Map<String, List<Observation>> byEncounter = new HashMap<>();
        List<MotherRecord.BloodPressure> bp = new ArrayList<>();
        for (Observation o : observations) {
            if (o.getStatus() == Observation.ObservationStatus.ENTEREDINERROR) {
                continue;
            }
            byEncounter.computeIfAbsent(o.getEncounter().getReferenceElement().getIdPart(), k -> new ArrayList<>()).add(o);
            if (isBloodPressure(o)) {
                bp.add(new MotherRecord.BloodPressure(effective(o), component(o, Systems.BP_SYSTOLIC), component(o, Systems.BP_DIASTOLIC)));
            }
        }
        List<MotherRecord.Visit> visits = new ArrayList<>();
        for (Encounter enc : encounters) {
            String id = enc.getIdElement().getIdPart();
            String who = enc.getParticipant().stream().map(p -> practitioners.get(p.getIndividual().getReferenceElement().getIdPart()))
                    .filter(n -> n != null).findFirst().orElse(null);
            List<MotherRecord.Finding> findings = byEncounter.getOrDefault(id, List.of()).stream().map(RecordMapper::finding)
                    .sorted(Comparator.comparing(MotherRecord.Finding::name, String.CASE_INSENSITIVE_ORDER)).toList();
            visits.add(new MotherRecord.Visit(id, time(enc.getPeriod().getStartElement()),
                    enc.hasType() ? text(enc.getTypeFirstRep()) : null, who, findings));
        }
        visits.sort(Comparator.comparing(MotherRecord.Visit::start, Comparator.nullsLast(Comparator.reverseOrder())));
        bp.sort(Comparator.comparing(MotherRecord.BloodPressure::at, Comparator.nullsFirst(Comparator.naturalOrder())));
        appointments.sort(Comparator.comparing(MotherRecord.Appointment::start));
        Comparator<MotherRecord.Item> newest = Comparator.comparing(MotherRecord.Item::recorded, Comparator.nullsLast(Comparator.reverseOrder()));
        conditions.sort(newest);
        medications.sort(newest);
        referrals.sort(Comparator.comparing(MotherRecord.Referral::authored, Comparator.nullsLast(Comparator.reverseOrder())));
        return new MotherRecord(patient.getIdElement().getIdPart(), demographics(patient), visits, bp, conditions, medications,
                referrals, appointments);
    }

    static MotherRecord.Demographics demographics(Patient p) {
        String phone = p.getTelecom().stream().filter(t -> "phone".equals(t.getSystem() == null ? null : t.getSystem().toCode()))
                .map(t -> t.getValue()).findFirst().orElse(null);
        LocalDate birth = p.hasBirthDate() ? LocalDate.parse(p.getBirthDateElement().getValueAsString()) : null;
        return new MotherRecord.Demographics(identifier(p, Systems.PHN), p.hasName() ? name(p.getNameFirstRep()) : null, birth,
                p.hasGender() ? p.getGender().toCode() : null, phone, identifier(p, Systems.NIC));
    }

    static String identifier(Patient p, String system) {
        return p.getIdentifier().stream().filter(i -> system.equals(i.getSystem())).map(Identifier::getValue).findFirst().orElse(null);
    }

    private static void appointment(Appointment a, OffsetDateTime now, List<MotherRecord.Appointment> into) {
        OffsetDateTime start = a.hasStart() ? a.getStartElement().getValue().toInstant().atOffset(ZoneOffset.UTC) : null;
        boolean open = a.getStatus() == Appointment.AppointmentStatus.BOOKED || a.getStatus() == Appointment.AppointmentStatus.PENDING
                || a.getStatus() == Appointment.AppointmentStatus.PROPOSED;
        if (start == null || !open || start.isBefore(now)) {
            return;
        }
        String place = a.getParticipant().stream().map(p -> p.getActor().getDisplay()).filter(d -> d != null).findFirst().orElse(null);
        into.add(new MotherRecord.Appointment(time(a.getStartElement()), a.getStatus().toCode(),
                a.hasServiceType() ? text(a.getServiceTypeFirstRep()) : null, place));
    }

    private static MotherRecord.Finding finding(Observation o) {
        String code = o.getCode().getCodingFirstRep().getCode();
        String name = text(o.getCode());
        if (isBloodPressure(o)) {
            BigDecimal sys = component(o, Systems.BP_SYSTOLIC);
            BigDecimal dia = component(o, Systems.BP_DIASTOLIC);
            return new MotherRecord.Finding(code, name, plain(sys) + "/" + plain(dia) + " mmHg", null);
        }
        Type v = o.getValue();
        if (v instanceof org.hl7.fhir.r4.model.BooleanType b) {
            return new MotherRecord.Finding(code, name, null, b.getValue());
        }
        return new MotherRecord.Finding(code, name, value(v), null);
    }

    private static String value(Type v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Quantity q) {
            return plain(q.getValue()) + (q.hasUnit() ? " " + q.getUnit() : "");
        }
        if (v instanceof BaseDateTimeType d) {
            return d.getValueAsString();
        }
        if (v instanceof CodeableConcept cc) {
            return text(cc);
        }
        return v.primitiveValue() == null ? "" : v.primitiveValue();
    }

    private static boolean isBloodPressure(Observation o) {
        return o.getCode().getCoding().stream().anyMatch(c -> Systems.LOINC.equals(c.getSystem()) && Systems.BP_PANEL.equals(c.getCode()));
    }

    private static BigDecimal component(Observation o, String loinc) {
        return o.getComponent().stream()
                .filter(c -> c.getCode().getCoding().stream().anyMatch(x -> loinc.equals(x.getCode())))
                .filter(Observation.ObservationComponentComponent::hasValueQuantity)
                .map(c -> c.getValueQuantity().getValue()).findFirst().orElse(null);
    }

    private static OffsetDateTime effective(Observation o) {
        return o.hasEffectiveDateTimeType() ? time(o.getEffectiveDateTimeType()) : null;
    }

    private static String plain(BigDecimal d) {
        return d == null ? "–" : d.stripTrailingZeros().toPlainString();
    }

    private static String medication(MedicationStatement m) {
        return m.hasMedicationCodeableConcept() ? text(m.getMedicationCodeableConcept()) : m.getMedicationReference().getDisplay();
    }

    static String text(CodeableConcept cc) {
        if (cc == null) {
            return null;
        }
        if (cc.hasText()) {
            return cc.getText();
        }
        return cc.getCoding().stream().map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode()).findFirst().orElse(null);
    }

    private static String code(CodeableConcept cc) {
        return cc == null || !cc.hasCoding() ? null : cc.getCodingFirstRep().getCode();
    }

    static String name(HumanName n) {
        if (n == null || n.isEmpty()) {
            return null;
        }
        return n.hasText() ? n.getText() : (n.getGivenAsSingleString() + " " + (n.hasFamily() ? n.getFamily() : "")).trim();
    }

    /** A FHIR date or dateTime as written (its own offset kept); a date alone is the start of that day in UTC. */
    static OffsetDateTime time(BaseDateTimeType t) {
        if (t == null || !t.hasValue()) {
            return null;
        }
        String s = t.getValueAsString();
        if (s.length() > 10) {
            return OffsetDateTime.parse(s);
        }
        // A partial date (year, year-month) counts from its first day.
        String day = s.length() == 4 ? s + "-01-01" : s.length() == 7 ? s + "-01" : s;
        return LocalDate.parse(day).atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
