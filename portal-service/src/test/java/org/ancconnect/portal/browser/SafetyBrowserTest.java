package org.ancconnect.portal.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * CSRF refusals, a session that expires while a form is being filled in, and hostile, very long and Sinhala/Tamil
 * input that must round-trip as text.
 */
@QuarkusTest
@TestProfile(SuiteProfile.class)
class SafetyBrowserTest extends BrowserTestBase {

    @Test
    void formsWithoutAValidCsrfTokenAreRefusedAndWriteNothing() {
        signInStaff(suite().phm());
        Fetched missing = fetch(page, "POST", "/phm/register/verify", "x=1");
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.head()).contains("<!DOCTYPE html>");
        Fetched forged = fetch(page, "POST", "/signout", "_csrf=AAAA");
        assertThat(forged.status()).isEqualTo(403);
        page.navigate("/phm");
        assertThat(page).hasURL(suite().portalUrl() + "/phm");
    }

    @Test
    void anExpiredSessionSendsToSignInAndKeepsWhatWasTyped() throws Exception {
        signInStaff(suite().phm());
        page.navigate("/phm/register/manual");
        page.locator("#f-givenNames").fill("Nadeesha");
        page.locator("#f-familyName").fill("Wickramasinghe");
        page.locator("#f-birthDate").fill("1994-02-03");
        page.locator("#f-phone").fill("0771234999");
        endSessionAtIdentity();
        page.locator("button[value=continue]").click();
        assertThat(page).hasURL(Pattern.compile(".*/signin\\?return=%2Fphm%2Fregister%2Fcheck.*kept=1.*"));
        assertThat(page.locator(".notice")).containsText("has been kept");
        check("signin-form-kept");
        page.locator("a[href^='/signin/staff']").click();
        authenticateAtEsignet(page, suite().phm().uin());
        assertThat(page).hasURL(suite().portalUrl() + "/phm/register/check");
        assertThat(page.locator("#f-givenNames")).hasValue("Nadeesha");
        assertThat(page.locator("#f-familyName")).hasValue("Wickramasinghe");
        assertThat(page.locator("#f-phone")).hasValue("0771234999");
    }

    @Test
    void hostileLongAndSinhalaTamilInputRoundTripsAsText() {
        List<String> dialogs = new ArrayList<>();
        page.onDialog(d -> {
            dialogs.add(d.message());
            d.dismiss();
        });
        signInStaff(suite().phm());
        page.navigate("/phm/register/manual");
        String given = "<script>alert(1)</script> කුමාරි";
        String family = "\"><img src=x onerror=alert(2)>நிலா";
        page.locator("#f-givenNames").fill(given);
        page.locator("#f-familyName").fill(family);
        page.locator("#f-birthDate").fill("1990-07-21");
        // maxlength stops a browser at 200; the server must refuse what a script or another client sends.
        page.locator("#f-addressLine").evaluate("e => e.removeAttribute('maxlength')");
        page.locator("#f-addressLine").fill("x".repeat(201));
        page.locator("button[value=continue]").click();
        assertThat(page.locator("#e-addressLine")).containsText("too long");
        assertThat(page.locator("#f-givenNames")).hasValue(given);
        assertThat(page.locator("#f-familyName")).hasValue(family);
        check("phm-register-form-errors");
        page.locator("#f-addressLine").fill("ගාල්ල පාර " + "y".repeat(180));
        page.locator("button[value=continue]").click();
        if (page.locator("button[value=new]").count() > 0) {
            page.locator("button[value=new]").click();
        }
        assertThat(page).hasURL(Pattern.compile(".*/phm/mothers/.*"));
        assertThat(page.locator("h1")).hasText(given + " " + family);
        assertThat(page.locator("h1 script, h1 img")).hasCount(0);
        check("phm-mother-hostile-name");
        String phn = page.locator("dd.phn").textContent().trim();
        page.navigate("/lang/si?return=/card/" + phn);
        assertThat(page.locator(".card-name")).hasText(given + " " + family);
        check("card-page-si");
        Fetched pdf = fetch(page, "GET", "/card/" + phn + ".pdf", null);
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.head()).startsWith("%PDF-");
        assertThat(dialogs).isEmpty();
    }

    /** Revokes the browser's session at identity-service, as an idle timeout or a sign-out elsewhere would. */
    private void endSessionAtIdentity() throws Exception {
        String session = context.cookies().stream().filter(c -> c.name.equals("anc_session")).map(c -> c.value).findFirst()
                .orElseThrow();
        Map<String, String> config = suite().portalConfig();
        String basic = Base64.getEncoder().encodeToString(("portal:" + config.get("portal.identity-client-secret"))
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(suite().identityUrl() + "/api/v1/sessions/logout")).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sessionId\":\"" + session + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(204);
        // The portal reuses a token for 2 s in this profile (SuiteProfile): wait that out.
        page.waitForTimeout(2_500);
    }
}
