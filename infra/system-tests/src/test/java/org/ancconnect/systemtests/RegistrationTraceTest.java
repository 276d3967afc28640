package org.ancconnect.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ancconnect.systemtests.OtlpReceiver.ReceivedSpan;
import org.ancconnect.testsupport.esignet.Browser;
import org.ancconnect.testsupport.suite.Suite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One registration, made by a midwife in the portal, is one trace: the portal's request, phn-service's match and
 * registration, the outbox relay's publish to RabbitMQ and sync-service's consumer of the patient event all
 * carry the same trace id, each span a descendant of the portal's. The packaged services run as separate processes
 * and export to an OTLP receiver in this JVM.
 */
class RegistrationTraceTest {

    private static final Duration EXPORT_WAIT = Duration.ofSeconds(60);
    private static OtlpReceiver receiver;
    private static Suite suite;
    private static String portal;

    @BeforeAll
    static void startSuiteWithTracing() {
        receiver = new OtlpReceiver();
        System.setProperty("anc.suite.otlp-endpoint", receiver.endpoint());
        suite = Suite.get();
        portal = suite.startPortal();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void aRegistrationIsOneTraceAcrossPortalPhnRabbitMqAndSync() {
        Browser browser = signedInMidwife();
        Browser.Page form = browser.get(portal + "/phm/register/manual");
        assertThat(form.status()).as(form.body()).isEqualTo(200);
        Browser.Page registered = browser.submit(form, "/phm/register/check", Map.of(
                "givenNames", "Anusha", "familyName", "Wickramasinghe", "birthDate", "1996-06-18", "sex", "female",
                "phone", "+94719876543", "addressLine", "44 Lake Road", "city", "Kandy", "district", "Kandy",
                "postalCode", "20000"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(303);
        assertThat(registered.location()).contains("/phm/mothers/").contains("registered=");

        ReceivedSpan portalRequest = receiver.await(s -> s.service().equals("portal-service") && s.kind() == SpanKind.SPAN_KIND_SERVER
                && s.name().contains("/phm/register/check"), EXPORT_WAIT, "for the portal's registration request");
        String trace = portalRequest.traceId();
        // The portal calls phn-service twice (resolve, then register); the event is written by the registration.
        ReceivedSpan phnRequest = receiver.await(s -> s.traceId().equals(trace) && s.service().equals("phn-service")
                && s.kind() == SpanKind.SPAN_KIND_SERVER && s.name().equals("POST /api/registrations"), EXPORT_WAIT,
                "of phn-service's registration");
        ReceivedSpan publish = receiver.await(s -> s.traceId().equals(trace) && s.service().equals("phn-service")
                && s.kind() == SpanKind.SPAN_KIND_PRODUCER, EXPORT_WAIT, "of the outbox relay's publish to RabbitMQ");
        ReceivedSpan consume = receiver.await(s -> s.traceId().equals(trace) && s.service().equals("sync-service")
                && s.kind() == SpanKind.SPAN_KIND_CONSUMER, EXPORT_WAIT, "of sync-service consuming the patient event");

        List<ReceivedSpan> spans = receiver.trace(trace);
        assertThat(descendsFrom(phnRequest, portalRequest, spans)).as("phn-service's request is part of the portal's").isTrue();
        assertThat(descendsFrom(publish, phnRequest, spans)).as("the publish continues the registration that wrote the event").isTrue();
        assertThat(consume.parentSpanId()).as("the consumer's parent is the publish, across RabbitMQ").isEqualTo(publish.spanId());
    }

    /** Whether {@code span}'s chain of parents (within the received trace) reaches {@code ancestor}. */
    private static boolean descendsFrom(ReceivedSpan span, ReceivedSpan ancestor, List<ReceivedSpan> trace) {
        ReceivedSpan current = span;
        for (int hops = 0; current != null && hops < 50; hops++) {
            if (current.spanId().equals(ancestor.spanId())) {
                return true;
            }
            String parent = current.parentSpanId();
            current = trace.stream().filter(s -> s.spanId().equals(parent)).findFirst().orElse(null);
        }
        return false;
    }

    private static Browser signedInMidwife() {
        Browser browser = new Browser();
        Browser.Page idPage = browser.open(portal + "/signin/staff", uri -> false);
        assertThat(idPage.status()).as(idPage.body()).isEqualTo(200);
        Browser.Page otp = browser.submit(idPage, "/authorize/identify", Map.of("individualId", suite.phm().uin(), "action", "next"));
        Browser.Page consent = browser.submit(otp, "/authorize/otp", Map.of("otp", suite.otp(), "action", "verify"));
        // The staff directory binds her by the keyed hash of her national ID: release the voluntary individual_id claim.
        Browser.Page back = consent.isRedirect() ? consent
                : browser.submit(consent, "/authorize/consent", Map.of("action", "allow"), Map.of("claim", List.of("individual_id")));
        Browser.Page home = browser.follow(back, uri -> false);
        assertThat(home.uri().toString()).as(home.body()).startsWith(portal);
        assertThat(home.status()).as(home.body()).isEqualTo(200);
        return browser;
    }
}
