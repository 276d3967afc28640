package org.ancconnect.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.ancconnect.testsupport.suite.Suite;
import org.ancconnect.testsupport.suite.SuitePeople;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * Base of the portal's browser tests (WEB's and REC's): a fresh browser context per test against the portal under
 * test (run with {@link SuiteProfile} and annotated {@code @QuarkusTest @TestProfile(SuiteProfile.class)}), sign-in
 * through the real eSignet stand-in pages, and {@link #check(String)}: a screenshot under
 * {@code target/screenshots/}, axe-core with no serious or critical violation, and no CSP violation.
 */
public abstract class BrowserTestBase {

    /** Where screenshots go for review. */
    protected static final Path SCREENSHOTS = Path.of("target", "screenshots");

    protected BrowserContext context;
    protected Page page;
    private final List<String> cspViolations = new ArrayList<>();

    protected static Suite suite() {
        return Suite.get();
    }

    @BeforeEach
    void openBrowser() {
        context = newContext("en-GB");
        page = newPage(context);
    }

    /** The page as the test left it (kept for a failing test's review), then the browser context closed. */
    @AfterEach
    void closeBrowser(TestInfo test) {
        if (page != null && !page.isClosed()) {
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("last-"
                    + test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test") + ".png")).setFullPage(true));
        }
        if (context != null) {
            context.close();
        }
    }

    /** Another browser (its own cookies), e.g. for a second user or a mother's phone. */
    protected BrowserContext newContext(String locale) {
        return Chromium.get().newContext(new Browser.NewContextOptions().setBaseURL(suite().portalUrl()).setLocale(locale)
                .setViewportSize(1280, 900));
    }

    protected Page newPage(BrowserContext ctx) {
        Page p = ctx.newPage();
        p.setDefaultTimeout(30_000);
        p.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                cspViolations.add(message.text());
            }
        });
        return p;
    }

    /** Signs a staff member in from the portal's sign-in page through eSignet; ends on her portal home page. */
    protected void signInStaff(SuitePeople.Staff staff) {
        signInStaff(page, staff);
    }

    protected void signInStaff(Page p, SuitePeople.Staff staff) {
        p.navigate("/signin");
        p.locator("a[href^='/signin/staff']").click();
        authenticateAtEsignet(p, staff.uin());
        p.waitForURL(Pattern.compile(Pattern.quote(suite().portalUrl()) + "/.*"));
    }

    /** A mother signs in to her own portal. */
    protected void signInPatient(Page p, SuitePeople.Person mother) {
        p.navigate("/signin");
        p.locator("a[href^='/signin/patient']").click();
        authenticateAtEsignet(p, mother.uin());
        p.waitForURL(Pattern.compile(Pattern.quote(suite().portalUrl()) + "/.*"));
    }

    /**
     * The eSignet stand-in's pages: national ID, OTP, and (when asked) consent to release the claims. Used for sign-in
     * and for patient verification alike.
     */
    protected void authenticateAtEsignet(Page p, String uin) {
        // A remembered eSignet session comes straight back to the portal (past its sign-in page).
        p.waitForURL(url -> url.startsWith(suite().esignetUrl())
                || url.startsWith(suite().portalUrl()) && !url.startsWith(suite().portalUrl() + "/signin"));
        if (p.url().startsWith(suite().portalUrl())) {
            return;
        }
        p.locator("#individualId").fill(uin);
        p.locator("button[value=next]").click();
        p.locator("#otp").fill(suite().otp());
        p.locator("button[value=verify]").click();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!p.url().startsWith(suite().portalUrl())) {
            Locator allow = p.locator("button[value=allow]");
            if (allow.count() > 0) {
                allow.click();
            } else if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("eSignet did not return to the portal; at " + p.url() + ": " + p.locator("body").innerText());
            }
            p.waitForTimeout(250);
        }
    }

    /** What an in-page fetch got: status, content type and the body's first bytes (as Latin-1 text). */
    protected record Fetched(int status, String contentType, String head) {
    }

    /**
     * A request made by the page itself (its cookies, its origin), e.g. the card's PNG/PDF or a forged form post:
     * Playwright's API client would not send the Secure session cookie over plain http.
     */
    @SuppressWarnings("unchecked")
    protected Fetched fetch(Page p, String method, String url, String formBody) {
        java.util.List<Object> r = (java.util.List<Object>) p.evaluate("async ([m, u, b]) => {"
                + " const init = { method: m, redirect: 'manual' };"
                + " if (b !== null) { init.body = b; init.headers = { 'Content-Type': 'application/x-www-form-urlencoded' }; }"
                + " const res = await fetch(u, init); const bytes = new Uint8Array(await res.arrayBuffer());"
                + " return [res.status, res.headers.get('content-type') || '', String.fromCharCode(...bytes.slice(0, 200))]; }",
                java.util.Arrays.asList(method, url, formBody));
        return new Fetched(((Number) r.get(0)).intValue(), (String) r.get(1), (String) r.get(2));
    }

    /** Screenshot, accessibility (axe-core: no serious or critical violation) and CSP (no violation) of the page. */
    protected void check(String name) {
        check(page, name);
    }

    protected void check(Page p, String name) {
        p.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
        assertThat(Accessibility.seriousViolations(p)).as("axe-core serious/critical violations on " + name).isEmpty();
        assertThat(cspViolations).as("CSP violations on " + name).isEmpty();
    }
}
