package org.ancconnect.phn.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ancconnect.phn.events.OutboxGauges;
import org.ancconnect.phn.events.OutboxRelay;
import org.ancconnect.phn.events.ManualRelayProfile;
import org.ancconnect.phn.registration.RegistrationFixtures;
import org.ancconnect.phn.review.ReviewQueueGauge;
import org.ancconnect.testsupport.tokens.InternalIssuerTestResource;
import org.ancconnect.testsupport.tokens.TestInternalIssuer;
import org.junit.jupiter.api.Test;

/**
 * The business metrics named in infra/observability/metrics.yaml move with what happens, as Prometheus
 * scrapes them from /q/metrics. The scheduled relay is off, so the outbox gauges move only when the test
 * drives the relay.
 */
@QuarkusTest
@TestProfile(ManualRelayProfile.class)
@QuarkusTestResource(InternalIssuerTestResource.class)
class BusinessMetricsTest {

    @Inject
    ReviewQueueGauge reviewQueue;

    @Inject
    OutboxGauges outbox;

    @Inject
    OutboxRelay relay;

    @Test
    void registrationsDecisionsReviewQueueAndOutboxAreCounted() {
        String given = RegistrationFixtures.uniqueName();
        String family = RegistrationFixtures.uniqueName();
        double newBefore = metric("phn_registrations_total{outcome=\"new\"}");
        double newDecisions = metric("phn_match_decisions_total{decision=\"new\"}");
        refreshGauges();
        double pendingBefore = metric("phn_outbox_pending");

        String a = register(body(given, family, "")).then().statusCode(201).extract().path("phn");
        assertThat(metric("phn_registrations_total{outcome=\"new\"}")).isEqualTo(newBefore + 1);
        assertThat(metric("phn_match_decisions_total{decision=\"new\"}")).isEqualTo(newDecisions + 1);
        refreshGauges();
        assertThat(metric("phn_outbox_pending")).isGreaterThanOrEqualTo(pendingBefore + 1);
        assertThat(metric("phn_outbox_oldest_pending_age_seconds")).isGreaterThanOrEqualTo(0);

        double linked = metric("phn_registrations_total{outcome=\"linked\"}");
        double autoLinks = metric("phn_match_decisions_total{decision=\"auto_link\"}");
        register(body(given, family, "")).then().statusCode(200).body("phn", org.hamcrest.Matchers.equalTo(a));
        assertThat(metric("phn_registrations_total{outcome=\"linked\"}")).isEqualTo(linked + 1);
        assertThat(metric("phn_match_decisions_total{decision=\"auto_link\"}")).isEqualTo(autoLinks + 1);

        // The midwife records a second woman with the same demographics; a third registration cannot choose.
        register(body(given, family, ",\"decision\":{\"action\":\"NEW\"}")).then().statusCode(201);
        double reviews = metric("phn_registrations_total{outcome=\"review\"}");
        double reviewDecisions = metric("phn_match_decisions_total{decision=\"review\"}");
        refreshGauges();
        double queue = metric("phn_review_queue_size");
        register(body(given, family, "")).then().statusCode(201);
        assertThat(metric("phn_registrations_total{outcome=\"review\"}")).isEqualTo(reviews + 1);
        assertThat(metric("phn_match_decisions_total{decision=\"review\"}")).isEqualTo(reviewDecisions + 1);
        refreshGauges();
        assertThat(metric("phn_review_queue_size")).isEqualTo(queue + 1);

        double rejected = metric("phn_registrations_total{outcome=\"rejected\"}");
        register(body(given, family, "").replace("\"birthDate\":\"1997-03-14\"", "\"birthDate\":\"1997-02-30\""))
                .then().statusCode(400);
        assertThat(metric("phn_registrations_total{outcome=\"rejected\"}")).isEqualTo(rejected + 1);

        while (relay.publishPending() > 0) {
            // drain the outbox: every pending event, ours among them
        }
        refreshGauges();
        assertThat(metric("phn_outbox_pending")).isZero();
        assertThat(metric("phn_outbox_oldest_pending_age_seconds")).isZero();
    }

    private void refreshGauges() {
        reviewQueue.refresh().await().atMost(Duration.ofSeconds(10));
        outbox.refresh().await().atMost(Duration.ofSeconds(10));
    }

    private static Response register(String body) {
        return given().auth().oauth2(TestInternalIssuer.get().staffToken("phm-1", "DiszpKrYNg8", "PHM"))
                .contentType(ContentType.JSON).body(body).post("/api/registrations");
    }

    private static String body(String given, String family, String extra) {
        return """
                {"sourceSystem":"dhis2","sourceId":"%s","givenNames":["%s"],"familyName":"%s","birthDate":"1997-03-14",
                 "sex":"female","address":{"district":"Matara"}%s}""".formatted(UUID.randomUUID(), given, family, extra);
    }

    /** The value of one series in the Prometheus exposition, 0 when it is absent. */
    private static double metric(String series) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
