package org.ancconnect.portal.nehr;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Writes a consultation to the NEHR as ONE transaction: a {@code target-facility-encounter} Encounter, its
 * Observations ({@code blood-pressure} panel, {@code generic-observation}s with the codes sync-service uses for the
 * same data elements) and a Provenance naming the doctor as author of all of them. The doctor's Practitioner, the
 * portal's registration-system Device and its owner Organization and Location are conditional creates in the same
 * transaction, so references never dangle. The consultation's own resources are PUTs to ids derived from the form's
 * key, the patient and the doctor: a double submission rewrites the same resources instead of adding copies, and no
 * one can overwrite another doctor's consultation by replaying its key.
 */
@ApplicationScoped
public class ConsultationWriter {

    private final NehrClient nehr;
    private final NehrConfig config;
    private final ConsultationResources resources;
    private final RecordCache records;

    ConsultationWriter(NehrClient nehr, NehrConfig config, RecordCache records) {
        this.nehr = nehr;
        this.records = records;
        this.config = config;
        this.resources = new ConsultationResources(config);
    }

    /**
     * Records it; answers the transaction response (the Encounter's location is in its entry). Her cached record is
     * forgotten when the NEHR answered (or failed: a timed-out transaction may still have committed), so the
     * doctor's next view shows the consultation.
     */
    public Uni<Bundle> record(Accessor doctor, String phn, Consultation c, Instant now, ZoneId zone) {
        return nehr.post(bundle(doctor, phn, c, now, zone)).eventually(() -> records.invalidate(phn));
    }

    /** The transaction (public for validation in tests). */
    public Bundle bundle(Accessor doctor, String phn, Consultation c, Instant now, ZoneId zone) {
        Bundle tx = Transactions.transaction();
        String practitioner = Transactions.practitioner(tx, doctor, config.staffSystem());
        String organization = resources.organization(tx);
        String location = resources.location(tx, organization);
        String device = resources.device(tx, organization, location);
        Reference patient = Transactions.patientByPhn(phn);
        DateTimeType at = new DateTimeType(Date.from(now), ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND,
                java.util.TimeZone.getTimeZone(zone));

        Encounter enc = new Encounter();
        enc.getMeta().addProfile(Systems.profile("target-facility-encounter"));
        enc.addIdentifier().setSystem(config.consultationSystem()).setValue(c.key());
        enc.setStatus(Encounter.EncounterStatus.FINISHED);
        enc.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        enc.addType(concept(Systems.SNOMED, "11429006", "Consultation"));
        enc.setSubject(patient);
        enc.addParticipant().setIndividual(new Reference(practitioner));
        enc.getPeriod().setStartElement(at.copy()).setEndElement(at.copy());
        enc.addLocation().setLocation(new Reference(location));
        enc.setServiceProvider(new Reference(organization));
        Ids ids = new Ids(Systems.phnValue(phn) + "|" + doctor.subject() + "|" + c.key());
        String encounter = Transactions.put(tx, enc, ids.of("encounter"));

        List<Reference> written = new ArrayList<>(List.of(new Reference(encounter)));
        ObservationContext ctx = new ObservationContext(patient, encounter, at, practitioner, organization, device);
        if (c.systolic() != null || c.diastolic() != null) {
            written.add(add(tx, bloodPressure(ctx, c), ids.of("blood-pressure")));
        }
        if (c.fundalHeightCm() != null) {
            written.add(add(tx, quantity(ctx, "exam", concept(Systems.SNOMED, "364253002", "Fundal height"), c.fundalHeightCm(), "cm"), ids.of("fundal-height")));
        }
        if (c.gestationalAgeWeeks() != null) {
            written.add(add(tx, quantity(ctx, "exam", concept(Systems.LOINC, "11885-1",
                    "Gestational age Estimated from last menstrual period"), c.gestationalAgeWeeks(), "wk"), ids.of("gestational-age")));
        }
        if (c.findings() != null && !c.findings().isBlank()) {
            Observation o = observation(ctx, "exam", concept(Systems.LOINC, "29545-1", "Physical findings"));
            o.setValue(new StringType(c.findings().strip()));
            written.add(add(tx, o, ids.of("findings")));
        }

        Provenance prov = new Provenance();
        prov.setTarget(written);
        prov.setRecorded(Date.from(now));
        prov.setActivity(concept("http://terminology.hl7.org/CodeSystem/v3-DataOperation", "CREATE", "create"));
        Provenance.ProvenanceAgentComponent agent = prov.addAgent();
        agent.setType(concept("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author"));
        agent.setWho(new Reference(practitioner)).setOnBehalfOf(new Reference(organization));
        prov.addAgent().setType(concept("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "assembler", "Assembler"))
                .setWho(new Reference(device));
        Transactions.put(tx, prov, ids.of("provenance"));
        return tx;
    }

    private record ObservationContext(Reference patient, String encounter, DateTimeType at, String practitioner,
            String organization, String device) {
    }

    private static Reference add(Bundle tx, Observation o, String id) {
        return new Reference(Transactions.put(tx, o, id));
    }

    /** Name-based UUIDs of one consultation's parts. */
    private record Ids(String consultation) {
        String of(String part) {
            return UUID.nameUUIDFromBytes((consultation + "|" + part).getBytes(StandardCharsets.UTF_8)).toString();
        }
    }

    private static Observation observation(ObservationContext ctx, String category, CodeableConcept code) {
        Observation o = new Observation();
        o.getMeta().addProfile(Systems.profile("generic-observation"));
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(concept(Systems.OBSERVATION_CATEGORY, category, null));
        o.setCode(code);
        o.setSubject(ctx.patient().copy());
        o.setEncounter(new Reference(ctx.encounter()));
        o.setEffective(ctx.at().copy());
        o.addPerformer(new Reference(ctx.practitioner()));
        o.addPerformer(new Reference(ctx.organization()));
        o.setDevice(new Reference(ctx.device()));
        return o;
    }

    private static Observation quantity(ObservationContext ctx, String category, CodeableConcept code, BigDecimal value, String ucum) {
        Observation o = observation(ctx, category, code);
        o.setValue(new Quantity().setValue(value).setUnit(ucum).setSystem(Systems.UCUM).setCode(ucum));
        return o;
    }

    private static Observation bloodPressure(ObservationContext ctx, Consultation c) {
        CodeableConcept code = concept(Systems.LOINC, Systems.BP_PANEL, "Blood pressure panel with all children optional");
        code.setText("Blood Pressure");
        Observation o = observation(ctx, "vital-signs", code);
        o.getMeta().getProfile().clear();
        o.getMeta().addProfile(Systems.profile("blood-pressure"));
        o.getCategoryFirstRep().getCodingFirstRep().setDisplay("Vital Signs");
        component(o, Systems.BP_SYSTOLIC, "Systolic blood pressure", c.systolic());
        component(o, Systems.BP_DIASTOLIC, "Diastolic blood pressure", c.diastolic());
        return o;
    }

    private static void component(Observation o, String loinc, String text, Integer value) {
        Observation.ObservationComponentComponent comp = o.addComponent();
        CodeableConcept code = concept(Systems.LOINC, loinc, text);
        code.setText(text);
        comp.setCode(code);
        if (value == null) {
            // Only one of the pair was measured: say so rather than drop the panel (as sync-service does).
            comp.setDataAbsentReason(concept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-performed", "Not Performed"));
        } else {
            comp.setValue(new Quantity().setValue(value).setUnit("mmHg").setSystem(Systems.UCUM).setCode("mm[Hg]"));
        }
    }

    static CodeableConcept concept(String system, String code, String display) {
        CodeableConcept cc = new CodeableConcept(new Coding(system, code, display));
        if (display != null) {
            cc.setText(display);
        }
        return cc;
    }
}
