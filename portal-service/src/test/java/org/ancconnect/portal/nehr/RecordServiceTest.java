package org.ancconnect.portal.nehr;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ancconnect.testsupport.fhir.FhirServerTestResource;
import org.ancconnect.testsupport.fhir.SharedFhirServer;
import org.junit.jupiter.api.Test;

/**
 * Reading a record, the audit trail and the access log against the real HAPI JPA server and RabbitMQ: a view's
 * AuditEvent reaches the NEHR through the audit queue and the relay, so the access log is awaited.
 */
@QuarkusTest
@QuarkusTestResource(value = FhirServerTestResource.class, restrictToAnnotatedClass = true)
class RecordServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    RecordService records;
    @Inject
    AccessGrants grants;

    private final Accessor doctor = Accessor.staff("doc-" + System.nanoTime(), "Dr Ruwan Jayasinghe", "DOCTOR");

    @Test
    void oneViewReadsTheWholeRecordAndLeavesOneAuditEvent() {
        String phn = NehrSeed.mother(base(), NehrSeed.newPhn(), "Nimali Perera", null, 3);
        grants.grant(doctor, phn, "verif-" + System.nanoTime(), Instant.now(), Duration.ofHours(1), Instant.now()).await().atMost(WAIT);

        MotherRecord r = records.view(doctor, phn, Purpose.TREAT, null).await().atMost(WAIT);

        assertThat(r.demographics().phn()).as("the NEHR holds the canonical form; the doctor searched with the display form").isEqualTo(Systems.phnValue(phn));
        assertThat(r.demographics().name()).isEqualTo("Nimali Perera");
        assertThat(r.visits()).hasSize(3);
        assertThat(r.visits().getFirst().start()).isAfter(r.visits().getLast().start());
        assertThat(r.visits().getFirst().practitioner()).isEqualTo("Kamala Silva");
        assertThat(r.visits().getFirst().findings()).extracting(MotherRecord.Finding::name)
                .containsExactly("Blood Pressure", "Fundal height");
        assertThat(r.bloodPressure()).hasSize(3);
        assertThat(r.bloodPressure().getFirst().at()).isBefore(r.bloodPressure().getLast().at());
        assertThat(r.bloodPressure().getFirst().systolic()).isEqualByComparingTo("110");
        assertThat(r.conditions()).extracting(MotherRecord.Item::name).containsExactly("Hypertensive disorder");
        assertThat(r.medications()).extracting(MotherRecord.Item::name).containsExactly("Iron and folic acid");
        assertThat(r.referrals()).extracting(MotherRecord.Referral::reason).containsExactly("Raised blood pressure");
        assertThat(r.appointments()).hasSize(1);
        assertThat(r.appointments().getFirst().place()).isEqualTo("MOH Office Colombo");

        List<AccessEntry> log = awaitLog(records, phn, 1);
        assertThat(log).as("the grant is a Consent, not an AuditEvent: one view, one AuditEvent").hasSize(1);
        assertThat(log.getFirst().who()).isEqualTo("Dr Ruwan Jayasinghe");
        assertThat(log.getFirst().role()).isEqualTo("DOCTOR");
        assertThat(log.getFirst().purpose()).isEqualTo("TREAT");
        assertThat(log.getFirst().breakGlass()).isFalse();
        assertThat(log.getFirst().at()).isAfter(Instant.now().minusSeconds(120).atOffset(java.time.ZoneOffset.UTC));
    }

    @Test
    void herOwnViewAndBreakGlassViewsAreAuditedAndTold() {
        String phn = NehrSeed.mother(base(), NehrSeed.newPhn(), "Fathima Rizwan", null, 1);

        records.view(Accessor.patient(phn, "Fathima Rizwan"), phn, Purpose.PATRQT, null).await().atMost(WAIT);
        grants.breakGlass(doctor, phn, "Unconscious, eclampsia suspected", Instant.now()).await().atMost(WAIT);
        records.view(doctor, phn, Purpose.BTG, "Unconscious, eclampsia suspected").await().atMost(WAIT);

        List<AccessEntry> log = awaitLog(records, phn, 3);
        assertThat(log).extracting(AccessEntry::purpose).containsExactly("BTG", "BTG", "PATRQT");
        assertThat(log.get(1).grantEvent()).as("the break-glass itself").isTrue();
        assertThat(log.getFirst().breakGlass()).isTrue();
        assertThat(log.getFirst().reason()).isEqualTo("Unconscious, eclampsia suspected");
        assertThat(log.getLast().role()).isEqualTo("PATIENT");
    }

    @Test
    void aPhnTheNehrDoesNotKnowReadsNothingAndAuditsNothing() {
        String phn = NehrSeed.newPhn();

        assertThat(records.view(doctor, phn, Purpose.TREAT, null).await().atMost(WAIT)).isNull();
        // Give a (wrongly) published AuditEvent the time the relay needs, then look: there must be none.
        String known = NehrSeed.mother(base(), NehrSeed.newPhn(), "Nimali Perera", null, 1);
        records.view(Accessor.patient(known, "Nimali Perera"), known, Purpose.PATRQT, null).await().atMost(WAIT);
        awaitLog(records, known, 1);
        assertThat(records.accessLog(phn, 50).await().atMost(WAIT)).isEmpty();
    }

    /** Her access log once it holds at least {@code count} entries (the relay writes them within seconds). */
    static List<AccessEntry> awaitLog(RecordService records, String phn, int count) {
        Instant until = Instant.now().plus(WAIT);
        List<AccessEntry> log = records.accessLog(phn, 50).await().atMost(WAIT);
        while (log.size() < count && Instant.now().isBefore(until)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            log = records.accessLog(phn, 50).await().atMost(WAIT);
        }
        return log;
    }

    static String base() {
        return SharedFhirServer.baseUrl().toString();
    }
}
