package org.ancconnect.portal.nehr;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.ancconnect.testsupport.fhir.FhirServerTestResource;
import org.junit.jupiter.api.Test;

/**
 * The broker unreachable: a view cannot be audited, so it is not shown. The record itself is readable (the NEHR is
 * up); the view fails before anything is rendered and the reader gets the 503 page.
 */
@QuarkusTest
@TestProfile(AuditOutageTest.BrokerDown.class)
@QuarkusTestResource(value = FhirServerTestResource.class, restrictToAnnotatedClass = true)
class AuditOutageTest {

    /** Port 1 on loopback: nothing listens, every connection is refused at once. */
    public static class BrokerDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portal.audit.port", "1", "portal.audit.relay.enabled", "false");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    RecordService records;
    @Inject
    RecordCache cache;

    @Test
    void withoutTheBrokerAViewFailsAndNothingIsShown() {
        String phn = NehrSeed.mother(RecordServiceTest.base(), NehrSeed.newPhn(), "Nimali Perera", null, 1);
        assertThat(cache.get(phn).await().atMost(WAIT)).as("the NEHR answers").isNotNull();

        assertThatThrownBy(() -> records.view(Accessor.patient(phn, "Nimali Perera"), phn, Purpose.PATRQT, null).await().atMost(WAIT))
                .isInstanceOf(AuditUnavailableException.class);

        given().header("Accept-Language", "en").when().get(OutageProbeResource.PATH + phn).then().statusCode(503)
                .body(containsString("<html"), not(containsString("Nimali Perera")), not(containsString(OutageProbeResource.RENDERED)));
    }
}
