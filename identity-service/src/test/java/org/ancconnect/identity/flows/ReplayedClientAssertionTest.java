package org.ancconnect.identity.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.ancconnect.identity.flows.TokenProxyEsignetResource.InjectTokenProxy;
import org.ancconnect.testsupport.esignet.Browser;
import org.junit.jupiter.api.Test;

/**
 * A replayed client-assertion {@code jti}, end to end: a man in the middle on the token endpoint captures the
 * {@code private_key_jwt} assertion of one staff sign-in and substitutes it into the next sign-in's token request.
 * eSignet must refuse it for its {@code jti}, and identity-service must then refuse the sign-in: no one-time code, no
 * session, no redirect to the portal, the refusal audited. (quarkus-oidc itself never reuses a {@code jti}, so only a
 * replay in transit can exercise this.)
 */
@QuarkusTest
@TestProfile(ReplayedClientAssertionTest.ThroughTokenProxy.class)
class ReplayedClientAssertionTest {

    /** The primary stand-in with the recording proxy in front of its token endpoint. */
    public static class ThroughTokenProxy implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TokenProxyEsignetResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        /**
         * The captured assertion must still be within its lifetime when it is replayed (quarkus-oidc's default is
         * 10 s; a loaded build machine can take longer between the two callbacks), so eSignet refuses it for its
         * {@code jti} and not for its age.
         */
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.esignet-staff.credentials.jwt.lifespan", "120");
        }
    }

    /** Stop at eSignet's redirect back to identity-service's callback, before it is delivered. */
    private static final Predicate<URI> AT_CALLBACK = uri -> uri.getPath().endsWith("/callback") || FlowDriver.AT_PORTAL.test(uri);

    @InjectTokenProxy
    RecordingTokenProxy proxy;

    @Test
    void replayedClientAssertionIsRefusedByEsignetAndNoSessionIsCreated() throws InterruptedException {
        Browser attacker = new Browser();
        Browser.Page attackerCallback = toCallback(attacker, FlowDriver.PHM_NADEESHA);

        Browser.Page honest = FlowDriver.staffSignIn(new Browser(), FlowDriver.PHM_NADEESHA, List.of("individual_id"));
        assertThat(honest.location()).as("the honest sign-in goes through the proxy untouched: " + honest.body()).contains("code=");
        RecordingTokenProxy.Exchange captured = proxy.exchanges().getLast();
        assertThat(captured.status()).isEqualTo(200);
        assertThat(captured.replayed()).isFalse();

        long grantsBefore = TestDb.grants();
        long refusalsBefore = TestDb.auditOutcomes("rejected:oidc");
        int exchangesBefore = proxy.exchanges().size();
        proxy.replayOnNextRequest();
        Browser.Page end = attacker.follow(attacker.get(attackerCallback.uri().resolve(attackerCallback.location()).toString()),
                FlowDriver.AT_PORTAL);

        List<RecordingTokenProxy.Exchange> exchanges = proxy.exchanges();
        assertThat(exchanges).as("the attacker's callback made one token request").hasSize(exchangesBefore + 1);
        RecordingTokenProxy.Exchange replay = exchanges.getLast();
        assertThat(replay.replayed()).as("the proxy substituted the captured assertion").isTrue();
        assertThat(replay.forwardedAssertion()).isEqualTo(captured.forwardedAssertion());
        assertThat(replay.status()).as("eSignet refuses the replayed assertion: " + replay.body()).isEqualTo(400);
        assertThat(replay.body()).contains("\"invalid_client\"").contains("jti");

        assertThat(end.status()).as(end.body()).isEqualTo(403);
        assertThat(end.body()).contains("data-reason=\"oidc\"");
        assertThat(end.location()).as("never sent to the portal with a code").isNull();
        assertThat(TestDb.grants()).as("no one-time code and no session").isEqualTo(grantsBefore);
        for (int i = 0; i < 50 && TestDb.auditOutcomes("rejected:oidc") <= refusalsBefore; i++) {
            Thread.sleep(100);
        }
        assertThat(TestDb.auditOutcomes("rejected:oidc")).as("the refusal is audited").isEqualTo(refusalsBefore + 1);
    }

    /** Runs a staff sign-in up to eSignet's redirect to our callback (not yet delivered). */
    private static Browser.Page toCallback(Browser browser, String individualId) {
        Browser.Page id = browser.open(FlowDriver.identity() + "/signin/staff?return=" + FlowDriver.enc(FlowDriver.PORTAL), AT_CALLBACK);
        Browser.Page afterOtp = FlowDriver.authenticate(browser, id, individualId);
        Browser.Page callback = afterOtp.isRedirect() ? afterOtp
                : browser.submit(afterOtp, "/authorize/consent", Map.of("action", "allow"), Map.of("claim", List.of("individual_id")));
        assertThat(callback.location()).as("stopped at eSignet's redirect to the callback").contains("/signin/staff/callback").contains("code=");
        return callback;
    }
}
