package org.ancconnect.portal.nehr;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.ancconnect.testsupport.fhir.FhirServerTestResource;
import org.junit.jupiter.api.Test;

/** Access grants (Consent) and break-glass windows (AuditEvent) kept in the real HAPI JPA server. */
@QuarkusTest
@QuarkusTestResource(value = FhirServerTestResource.class, restrictToAnnotatedClass = true)
class AccessGrantsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration DAY = Duration.ofHours(24);

    @Inject
    AccessGrants grants;

    private final Accessor doctor = Accessor.staff("doc-" + System.nanoTime(), "Dr Ruwan Jayasinghe", "DOCTOR");
    private final Accessor otherDoctor = Accessor.staff("doc-other-" + System.nanoTime(), "Dr Anoma Fernando", "DOCTOR");

    @Test
    void aGrantOpensHerRecordToThatDoctorOnlyAndOnlyForItsPeriod() {
        String phn = NehrSeed.mother(RecordServiceTest.base(), NehrSeed.newPhn(), "Nimali Perera", "sub-" + System.nanoTime(), 1);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Access before = grants.check(doctor, phn, DAY, now).await().atMost(WAIT);
        assertThat(before.known()).isTrue();
        assertThat(before.allowed(now)).isFalse();
        assertThat(before.esignetSubjects()).hasSize(1).allMatch(s -> s.startsWith("sub-"));

        Instant until = grants.grant(doctor, phn, "verif-" + System.nanoTime(), now.minusSeconds(30), DAY, now).await().atMost(WAIT);

        assertThat(until).isEqualTo(now.plus(DAY));
        Access after = grants.check(doctor, phn, DAY, now.plusSeconds(1)).await().atMost(WAIT);
        assertThat(after.granted(now.plusSeconds(1))).isTrue();
        assertThat(after.grantUntil()).isEqualTo(until);
        assertThat(after.allowed(until.plusSeconds(1))).as("expired grant").isFalse();
        assertThat(grants.check(otherDoctor, phn, DAY, now).await().atMost(WAIT).allowed(now)).as("other doctor").isFalse();
    }

    @Test
    void theSameVerificationSubmittedTwiceIsOneGrant() {
        String phn = NehrSeed.mother(RecordServiceTest.base(), NehrSeed.newPhn(), "Nimali Perera", null, 0);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String verification = "verif-" + System.nanoTime();

        grants.grant(doctor, phn, verification, now, DAY, now).await().atMost(WAIT);
        grants.grant(doctor, phn, verification, now.plusSeconds(60), DAY, now.plusSeconds(60)).await().atMost(WAIT);

        assertThat(grants.check(doctor, phn, DAY, now.plusSeconds(61)).await().atMost(WAIT).grantUntil()).isEqualTo(now.plus(DAY));
    }

    @Test
    void breakGlassOpensAWindowWithItsReasonForThatDoctor() {
        String phn = NehrSeed.mother(RecordServiceTest.base(), NehrSeed.newPhn(), "Nimali Perera", null, 0);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        grants.breakGlass(doctor, phn, "Severe bleeding, patient unconscious", now).await().atMost(WAIT);

        Access a = grants.check(doctor, phn, Duration.ofHours(4), now.plusSeconds(5)).await().atMost(WAIT);
        assertThat(a.breakGlass(now.plusSeconds(5))).isTrue();
        assertThat(a.granted(now.plusSeconds(5))).isFalse();
        assertThat(a.breakGlassReason()).isEqualTo("Severe bleeding, patient unconscious");
        assertThat(a.breakGlass(now.plus(Duration.ofHours(4)).plusSeconds(1))).isFalse();
        assertThat(grants.check(otherDoctor, phn, Duration.ofHours(4), now).await().atMost(WAIT).allowed(now)).isFalse();
    }

    @Test
    void anUnknownPhnIsNotAPatient() {
        Access a = grants.check(doctor, NehrSeed.newPhn(), DAY, Instant.now()).await().atMost(WAIT);
        assertThat(a.known()).isFalse();
        assertThat(a.allowed(Instant.now())).isFalse();
    }
}
