package org.ancconnect.identity.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.ancconnect.testsupport.esignet.Browser;
import org.ancconnect.testsupport.esignet.EsignetStandin;
import org.ancconnect.testsupport.esignet.EsignetTestResource;
import org.ancconnect.testsupport.esignet.EsignetTestResource.InjectEsignet;
import org.junit.jupiter.api.Test;

/**
 * Every refusal the issue lists, each driven through the real redirects: the flow never reaches the portal with a
 * code, and no one-time code or session is created. (A replayed client-assertion {@code jti} needs a man in the middle
 * on the token endpoint and its own application profile: {@link ReplayedClientAssertionTest}.)
 */
@QuarkusTest
@QuarkusTestResource(EsignetTestResource.class)
class NegativeFlowTest {

    /** Stop at eSignet's redirect back to identity-service's callback, before it is delivered. */
    private static final Predicate<URI> AT_CALLBACK = uri -> uri.getPath().endsWith("/callback") || FlowDriver.AT_PORTAL.test(uri);

    @InjectEsignet
    EsignetStandin esignet;

    /** Runs a staff sign-in up to eSignet's redirect to our callback (not yet delivered). */
    private static Browser.Page toCallback(Browser browser, String individualId) {
        Browser.Page id = browser.open(FlowDriver.identity() + "/signin/staff?return=" + FlowDriver.enc(FlowDriver.PORTAL), AT_CALLBACK);
        Browser.Page afterOtp = FlowDriver.authenticate(browser, id, individualId);
        if (afterOtp.isRedirect()) {
            return afterOtp;
        }
        return browser.submit(afterOtp, "/authorize/consent", Map.of("action", "allow"), Map.of("claim", List.of("individual_id")));
    }

    private static void assertRefusedWithoutGrant(Browser.Page end, long grantsBefore) {
        assertThat(end.location() == null || !end.location().contains("code=")).as("must not reach the portal with a code: " + end.location())
                .isTrue();
        assertThat(TestDb.grants()).isEqualTo(grantsBefore);
    }

    private Browser.Page signInWithFault(String fault) {
        esignet.armFault(EsignetTestResource.STAFF_CLIENT, fault);
        Browser browser = new Browser();
        return browser.follow(toCallback(browser, FlowDriver.PHM_NADEESHA), FlowDriver.AT_PORTAL);
    }

    @Test
    void wrongOrReplayedStateIsRefused() {
        long before = TestDb.grants();
        Browser browser = new Browser();
        Browser.Page callback = toCallback(browser, FlowDriver.PHM_NADEESHA);
        String tampered = callback.location().replaceAll("state=[^&]+", "state=forged-state");
        assertRefusedWithoutGrant(browser.follow(browser.get(tampered), FlowDriver.AT_PORTAL), before);

        Browser honest = new Browser();
        Browser.Page good = toCallback(honest, FlowDriver.PHM_NADEESHA);
        Browser.Page portal = honest.follow(good, FlowDriver.AT_PORTAL);
        assertThat(portal.location()).contains("code=");
        long afterGood = TestDb.grants();
        assertRefusedWithoutGrant(honest.follow(honest.get(good.location()), FlowDriver.AT_PORTAL), afterGood);
    }

    @Test
    void codeInjectionIsRefusedByPkceAndReplayedCodeByEsignet() {
        Browser victim = new Browser();
        Browser.Page victimCallback = toCallback(victim, FlowDriver.PHM_NADEESHA);
        Browser attacker = new Browser();
        Browser.Page attackerCallback = toCallback(attacker, FlowDriver.ADMIN_ISHARA);
        long before = TestDb.grants();
        String injected = attackerCallback.location().replaceAll("code=[^&]+", "code=" + victimCallback.locationParam("code"));
        assertRefusedWithoutGrant(attacker.follow(attacker.get(injected), FlowDriver.AT_PORTAL), before);

        Browser honest = new Browser();
        Browser.Page honestCallback = toCallback(honest, FlowDriver.PHM_NADEESHA);
        assertThat(honest.follow(honestCallback, FlowDriver.AT_PORTAL).location()).contains("code=");
        long afterHonest = TestDb.grants();
        Browser replayer = new Browser();
        Browser.Page replayCallback = toCallback(replayer, FlowDriver.PHM_NADEESHA);
        String replayed = replayCallback.location().replaceAll("code=[^&]+", "code=" + honestCallback.locationParam("code"));
        assertRefusedWithoutGrant(replayer.follow(replayer.get(replayed), FlowDriver.AT_PORTAL), afterHonest);
    }

    @Test
    void idTokenWithWrongNonceAudienceOrAlgorithmIsRefusedAndAudited() throws InterruptedException {
        long audited = TestDb.auditOutcomes("rejected:oidc");
        for (String fault : List.of("ID_TOKEN_WRONG_NONCE", "ID_TOKEN_WRONG_AUDIENCE", "ID_TOKEN_RS256")) {
            long before = TestDb.grants();
            assertRefusedWithoutGrant(signInWithFault(fault), before);
        }
        for (int i = 0; i < 50 && TestDb.auditOutcomes("rejected:oidc") < audited + 3; i++) {
            Thread.sleep(100);
        }
        assertThat(TestDb.auditOutcomes("rejected:oidc")).as("refusals inside quarkus-oidc are audited (asynchronously)")
                .isGreaterThanOrEqualTo(audited + 3);
    }

    @Test
    void refusedIdTokensLeaveNoClaimInTheLogButTheirReasonInTheAudit() throws Exception {
        assertThat(FlowDriver.staffSignIn(new Browser(), FlowDriver.PHM_NADEESHA, List.of("individual_id")).location()).contains("code=");
        String sub = TestDb.string("select esignet_sub from staff_member where id = '0b9c7a52-3f1e-4c51-9a57-1d2e3f4a5b01'");
        assertThat(sub).hasSizeGreaterThan(20);
        Path log = Path.of("target", "identity-service-test.log");
        long logBefore = Files.size(log);
        long audited = TestDb.auditOutcomes("rejected:oidc");
        for (String fault : List.of("ID_TOKEN_WRONG_AUDIENCE", "ID_TOKEN_WRONG_NONCE", "ID_TOKEN_RS256")) {
            signInWithFault(fault);
        }
        for (int i = 0; i < 50 && TestDb.auditOutcomes("rejected:oidc") < audited + 3; i++) {
            Thread.sleep(100);
        }
        String written = Files.readString(log).substring((int) logBefore);
        assertThat(written).as("quarkus-oidc still says why, without the token").contains("ID token verification has failed (token content withheld");
        assertThat(written).doesNotContain(sub).doesNotContain("claims->").doesNotContain("\"nonce\"").doesNotContain("JsonWebSignature{");
        assertThat(TestDb.string("select detail from audit_event where outcome = 'rejected:oidc' order by id desc limit 1"))
                .contains("InvalidJwtException[");
    }

    @Test
    void acrOutsideTheFlowsSetIsRefused() {
        long before = TestDb.grants();
        Browser.Page end = signInWithFault("ID_TOKEN_STATIC_CODE_ACR");
        assertThat(end.body()).contains("data-reason=\"acr\"");
        assertRefusedWithoutGrant(end, before);
    }

    @Test
    void userinfoWithBadSignatureOrAnotherSubjectIsRefused() {
        long before = TestDb.grants();
        Browser.Page badSignature = signInWithFault("USERINFO_BAD_SIGNATURE");
        assertThat(badSignature.status()).isEqualTo(403);
        assertThat(badSignature.body()).contains("data-reason=\"userinfo_signature\"");
        assertRefusedWithoutGrant(badSignature, before);
        Browser.Page otherSub = signInWithFault("USERINFO_OTHER_SUB");
        assertThat(otherSub.body()).contains("data-reason=\"userinfo_sub\"");
        assertRefusedWithoutGrant(otherSub, before);
    }

    @Test
    void cancelAtEsignetReturnsAccessDeniedToThePortal() {
        long before = TestDb.grants();
        Browser browser = new Browser();
        Browser.Page id = browser.open(FlowDriver.identity() + "/signin/staff?return=" + FlowDriver.enc(FlowDriver.PORTAL), AT_CALLBACK);
        Browser.Page otp = browser.submit(id, "/authorize/identify", Map.of("individualId", FlowDriver.PHM_NADEESHA, "action", "next"));
        Browser.Page end = browser.follow(browser.submit(otp, "/authorize/otp", Map.of("otp", "", "action", "cancel")), FlowDriver.AT_PORTAL);
        assertThat(end.location()).isEqualTo(FlowDriver.PORTAL + "?error=access_denied");
        assertRefusedWithoutGrant(end, before);
    }

    @Test
    void callbackFromAnotherIssuerIsRefusedBeforeTheCodeIsRedeemed() {
        long before = TestDb.grants();
        Browser browser = new Browser();
        Browser.Page callback = toCallback(browser, FlowDriver.PHM_NADEESHA);
        Browser.Page end = browser.get(callback.location().replaceAll("iss=[^&]+", "iss=" + FlowDriver.enc("https://evil.invalid")));
        assertThat(end.status()).isEqualTo(400);
        assertRefusedWithoutGrant(end, before);
        assertThat(browser.follow(browser.get(callback.location()), FlowDriver.AT_PORTAL).location())
                .as("the honest response still works: the code was not spent").contains("code=");
    }
}
