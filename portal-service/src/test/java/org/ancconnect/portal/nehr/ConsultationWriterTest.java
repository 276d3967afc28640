package org.ancconnect.portal.nehr;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.ancconnect.testsupport.fhir.FhirServerTestResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** A consultation conforms to the NEHR IG, is written as one transaction with Provenance, and shows in her record. */
@QuarkusTest
@QuarkusTestResource(value = FhirServerTestResource.class, restrictToAnnotatedClass = true)
class ConsultationWriterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ZoneId COLOMBO = ZoneId.of("Asia/Colombo");

    @Inject
    ConsultationWriter writer;
    @Inject
    RecordService records;

    private final Accessor doctor = Accessor.staff("doc-" + System.nanoTime(), "Ruwan Jayasinghe", "DOCTOR");

    @Test
    void everyResourceOfTheConsultationConformsToTheNehrIg() {
        Consultation c = new Consultation(UUID.randomUUID().toString(), 142, null, new BigDecimal("31.5"), new BigDecimal("32"),
                "Mild ankle oedema");
        Bundle tx = writer.bundle(doctor, "TSTX-123456-7", c, Instant.now(), COLOMBO);

        assertThat(tx.getEntry()).extracting(e -> e.getResource().fhirType()).containsExactly("Practitioner", "Organization",
                "Location", "Device", "Encounter", "Observation", "Observation", "Observation", "Observation", "Provenance");
        for (Bundle.BundleEntryComponent e : tx.getEntry()) {
            Resource r = e.getResource();
            if (r.getMeta().hasProfile()) {
                assertThat(IgValidator.get().errors(r)).as(r.fhirType()).isEmpty();
            }
        }
        Provenance p = (Provenance) tx.getEntry().getLast().getResource();
        assertThat(p.getTarget()).hasSize(5);
        assertThat(tx.getEntry().get(4).getResource().getMeta().getProfile().getFirst().getValue())
                .endsWith("target-facility-encounter");
    }

    @Test
    void aRecordedConsultationIsInHerRecordOnceWithItsProvenance() throws Exception {
        String phn = NehrSeed.mother(RecordServiceTest.base(), NehrSeed.newPhn(), "Nimali Perera", null, 1);
        Consultation c = new Consultation(UUID.randomUUID().toString(), 150, 95, null, null, "Headache; referred for review");

        writer.record(doctor, phn, c, Instant.now(), COLOMBO).await().atMost(WAIT);
        writer.record(doctor, phn, c, Instant.now(), COLOMBO).await().atMost(WAIT);

        MotherRecord r = records.view(doctor, phn, Purpose.TREAT, null).await().atMost(WAIT);
        assertThat(r.visits()).hasSize(2);
        MotherRecord.Visit consultation = r.visits().getFirst();
        assertThat(consultation.type()).isEqualTo("Consultation");
        assertThat(consultation.practitioner()).isEqualTo("Ruwan Jayasinghe");
        assertThat(consultation.findings()).extracting(MotherRecord.Finding::value)
                .contains("150/95 mmHg", "Headache; referred for review");
        assertThat(r.bloodPressure().getLast().systolic()).isEqualByComparingTo("150");
        String provenances = get("Provenance?target=Encounter/" + consultation.id());
        assertThat(provenances).contains("\"total\":1").contains("\"author\"");
    }

    private static String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(RecordServiceTest.base() + "/" + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
