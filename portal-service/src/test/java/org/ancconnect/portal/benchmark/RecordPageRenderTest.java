package org.ancconnect.portal.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.ancconnect.portal.nehr.Access;
import org.ancconnect.portal.nehr.Accessor;
import org.ancconnect.portal.nehr.AuditEvents;
import org.ancconnect.portal.nehr.BpChart;
import org.ancconnect.portal.nehr.MotherRecord;
import org.ancconnect.portal.nehr.NehrConfig;
import org.ancconnect.portal.nehr.Purpose;
import org.ancconnect.portal.nehr.Transactions;
import org.ancconnect.portal.nehr.ViewAuditJson;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * The doctor's record page rendered the way {@code DoctorResource.patient} renders it (template {@code doctor/record},
 * {@link BpChart#of}, the same data names), for a fixed 40-visit record of 8 findings each: a timing harness for
 * the portal's own CPU per view (no NEHR, no broker, no HTTP), and a guard that the page's HTML does not change when
 * that CPU is cut. {@code -Drender.iterations=N} times N renders, and N of the view's AuditEvent built and encoded as
 * {@code RecordService.publish} does, on one thread (default 200) and prints ms/op of each.
 */
@QuarkusTest
class RecordPageRenderTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Accessor DOCTOR = Accessor.staff("doc-1", "Ruwan Jayasinghe", "DOCTOR");

    @Inject
    Engine engine;
    @Inject
    NehrConfig nehr;

    @Test
    void rendersTheFortyVisitPageAndTimesIt() throws Exception {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            MotherRecord record = fortyVisits();
            Access access = new Access(record.demographics(), List.of(), Instant.parse("2026-11-22T08:00:00Z"), null, null);
            String html = render(record, access);
            assertThat(html).contains("<svg").contains("120 mmHg").contains("Fundal height");
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(html.getBytes(StandardCharsets.UTF_8)));
            Files.writeString(Path.of("target/record-page.html"), html);
            System.out.println("record page: " + html.length() + " chars, sha256 " + sha);
            assertThat(sha).isEqualTo(GOLDEN);

            int iterations = Integer.getInteger("render.iterations", 200);
            for (int i = 0; i < iterations; i++) {
                render(record, access);
            }
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                render(record, access);
            }
            double msPerOp = (System.nanoTime() - start) / 1e6 / iterations;
            System.out.printf(Locale.ROOT, "record page render: %.3f ms/op over %d ops (one thread)%n", msPerOp, iterations);

            // The view's other CPU: its AuditEvent encoded as RecordService.publish does, and as HAPI did before.
            time("view AuditEvent JSON, direct (RecordService.publish)", iterations, () -> auditEvent(record));
            time("view AuditEvent build + HAPI JSON encode (the previous path)", iterations, () -> hapiAuditEvent(record));
        } finally {
            request.terminate();
        }
    }

    private static void time(String what, int iterations, Runnable op) {
        for (int i = 0; i < iterations; i++) {
            op.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            op.run();
        }
        System.out.printf(Locale.ROOT, "%s: %.3f ms/op over %d ops (one thread)%n", what, (System.nanoTime() - start) / 1e6 / iterations,
                iterations);
    }

    private byte[] auditEvent(MotherRecord record) {
        String patient = "Patient/" + record.patientId();
        return ViewAuditJson.view(UUID.randomUUID().toString(), DOCTOR, "Practitioner?identifier="
                + Transactions.token(nehr.staffSystem(), DOCTOR.subject()), patient, Purpose.TREAT, null, new Date());
    }

    private byte[] hapiAuditEvent(MotherRecord record) {
        Reference patient = new Reference("Patient/" + record.patientId());
        Reference who = new Reference("Practitioner?identifier=" + Transactions.token(nehr.staffSystem(), DOCTOR.subject()));
        AuditEvent ae = AuditEvents.view(DOCTOR, who, patient, Purpose.TREAT, null, new Date());
        ae.setId(UUID.randomUUID().toString());
        return FHIR.newJsonParser().encodeResourceToString(ae).getBytes(StandardCharsets.UTF_8);
    }

    private String render(MotherRecord record, Access access) {
        Template template = engine.getTemplate("doctor/record");
        return template.data("phn", record.demographics().phn()).data("record", record).data("chart", BpChart.of(record.bloodPressure()))
                .data("access", access).data("breakGlass", false).data("saved", false).setLocale(Locale.ENGLISH).render();
    }

    /**
     * SHA-256 of the page for {@link #fortyVisits()} in English, rendered before the CPU work on it (2026-11-21, on
     * b621a35): the page a doctor sees must stay byte-identical.
     */
    static final String GOLDEN = "b59532268b0067ee07c7f1273f3ba3666764af2fc9d30f27f2ba2f1c83d8de4e";

    /** 40 monthly visits, newest first, each with 8 findings, and their 40 blood pressures oldest first. */
    static MotherRecord fortyVisits() {
        OffsetDateTime first = OffsetDateTime.of(2023, 1, 5, 9, 30, 0, 0, ZoneOffset.UTC);
        List<MotherRecord.Visit> visits = new ArrayList<>();
        List<MotherRecord.BloodPressure> bp = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            OffsetDateTime at = first.plusDays(21L * i).plusMinutes(7L * i);
            BigDecimal sys = BigDecimal.valueOf(110 + (i * 7) % 40);
            BigDecimal dia = BigDecimal.valueOf(70 + (i * 5) % 25);
            bp.add(new MotherRecord.BloodPressure(at, sys, i % 13 == 5 ? null : dia));
            List<MotherRecord.Finding> findings = List.of(
                    new MotherRecord.Finding("85354-9", "Blood pressure", sys + "/" + dia + " mmHg", null),
                    new MotherRecord.Finding("364253002", "Fundal height", (12 + i % 28) + " cm", null),
                    new MotherRecord.Finding("718-7", "Haemoglobin", "11." + i % 10 + " g/dL", null),
                    new MotherRecord.Finding("2339-0", "Glucose", (80 + i) + " mg/dL", null),
                    new MotherRecord.Finding("11885-1", "Gestational age", (8 + i % 32) + " wk", null),
                    new MotherRecord.Finding("29463-7", "Weight", "6" + i % 10 + ".5 kg", null),
                    new MotherRecord.Finding("55283-6", "Fetal heart rate", (130 + i % 20) + " /min", null),
                    new MotherRecord.Finding("oedema", "Oedema", null, i % 4 == 0));
            visits.add(new MotherRecord.Visit("enc-" + i, at, "ANC visit", "Dr. Perera <" + i + ">", findings));
        }
        Collections.reverse(visits);
        MotherRecord.Demographics who = new MotherRecord.Demographics("200012345678", "Kumari Silva", LocalDate.of(1996, 3, 14), "female",
                "+94771234567", null);
        return new MotherRecord("pat-1", who, visits, bp,
                List.of(new MotherRecord.Item("Gestational diabetes", "active", first.plusMonths(3))),
                List.of(new MotherRecord.Item("Folic acid 400 µg", "active", first)),
                List.of(new MotherRecord.Referral("Obstetric review", "active", first.plusMonths(5), "BP 140/90")),
                List.of(new MotherRecord.Appointment(first.plusYears(3), "booked", "ANC clinic", "MOH Kandy")));
    }
}
