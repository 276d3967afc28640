package org.ancconnect.portal.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The administrator's journeys: staff directory (create with the one-time enrolment code, update, deactivate,
 * reactivate), duplicate review and merge/unmerge by PHN, sync status with dead-letter replay and the DHIS2 test;
 * other roles are refused.
 */
@QuarkusTest
@TestProfile(SuiteProfile.class)
class AdminJourneyBrowserTest extends BrowserTestBase {

    @Test
    void staffDirectory() {
        signInStaff(suite().admin());
        assertThat(page).hasURL(suite().portalUrl() + "/admin/staff");
        check("admin-staff");
        page.locator("#f-displayName").fill("ශානිකා <b>Silva</b>");
        page.locator("#f-role").selectOption("PHM");
        page.locator("#f-facility").fill("bad");
        page.locator("form[action='/admin/staff'] button[type=submit]").click();
        assertThat(page.locator("#e-facility")).containsText("DHIS2 org unit id");
        page.locator("#f-facility").fill("Tnl7qgZh7zL");
        page.locator("form[action='/admin/staff'] button[type=submit]").click();
        assertThat(page.locator("#enrolment-code")).not().isEmpty();
        assertThat(page.locator(".notice.ok")).containsText("ශානිකා <b>Silva</b>");
        check("admin-staff-created");
        page.navigate("/admin/staff");
        page.locator("tr", new Page.LocatorOptions().setHasText("ශානිකා")).locator("a").click();
        page.locator("#f-role").selectOption("DOCTOR");
        page.locator("form[action^='/admin/staff/'] button[type=submit]").first().click();
        assertThat(page.locator(".notice.ok")).containsText("Saved");
        assertThat(page.locator("#f-role")).hasValue("DOCTOR");
        check("admin-staff-edit");
        page.locator("form[action$='/deactivate'] button").click();
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("ශානිකා"))).containsText("Deactivated");
        page.locator("tr", new Page.LocatorOptions().setHasText("ශානිකා")).locator("a").click();
        page.locator("#f-active").check();
        page.locator("form[action^='/admin/staff/'] button[type=submit]").first().click();
        assertThat(page.locator(".notice.warn")).hasCount(0);
    }

    @Test
    void mergeAndUnmergeByPhnAndTheReviewQueue() {
        String first = registerManually("Chamari", "Atapattu", "1991-05-06");
        String second = registerManually("Sashikala", "Siriwardene", "1989-11-30");
        signInStaff(suite().admin());
        page.navigate("/admin/reviews");
        check("admin-reviews");
        page.locator("a[href='/admin/persons']").click();
        page.locator("#f-phn").fill(first);
        page.locator("form[action='/admin/persons'] button").click();
        assertThat(page.locator("#person-heading")).containsText(first);
        page.locator("form[action='/admin/persons/merge'] button").click();
        assertThat(page.locator("#error-summary")).isVisible();
        page.locator("#m-dup").fill(second);
        page.locator("#m-reason").fill("Same mother registered twice at the clinic");
        page.locator("form[action='/admin/persons/merge'] button").click();
        assertThat(page.locator(".notice.ok")).containsText("Merged");
        assertThat(page.locator("table")).containsText("MERGE");
        check("admin-persons-merged");
        page.locator("#u-dup").fill(second);
        page.locator("form[action='/admin/persons/unmerge'] button").click();
        assertThat(page.locator(".notice.ok")).containsText("Unmerged");
    }

    @Test
    void syncStatusReplayAndDhis2TestAndOtherRolesRefused() {
        signInStaff(suite().admin());
        page.navigate("/admin/sync");
        check("admin-sync");
        page.locator("form[action='/admin/sync'] button").click();
        assertThat(page.locator(".notice.ok")).containsText("answers");
        page.locator("form[action='/admin/sync/replay'] button").click();
        assertThat(page).hasURL(Pattern.compile(".*/admin/sync\\?replayed=\\d+"));
        assertThat(page.locator(".notice.ok")).containsText("dead letters");

        BrowserContext phmContext = newContext("en-GB");
        Page phm = newPage(phmContext);
        signInStaff(phm, suite().phm());
        assertThat(phm.navigate("/admin/staff").status()).as("PHM on the staff directory at " + phm.url()).isEqualTo(403);
        assertThat(phm.navigate("/admin/sync").status()).as("PHM on the sync page").isEqualTo(403);
        assertThat(fetch(phm, "POST", "/admin/sync/replay", "_csrf=" + csrfOf(phm)).status()).as("PHM replaying dead letters")
                .isEqualTo(403);
        phmContext.close();
    }

    /** The CSRF token of the page's session, as its forms carry it. */
    private static String csrfOf(Page p) {
        p.navigate("/phm");
        return p.locator("form[action='/signout'] input[name=_csrf]").inputValue();
    }

    /** A midwife registers a mother without eSignet; answers her PHN. */
    private String registerManually(String given, String family, String birthDate) {
        BrowserContext phmContext = newContext("en-GB");
        Page phm = newPage(phmContext);
        signInStaff(phm, suite().phm());
        phm.navigate("/phm/register/manual");
        phm.locator("#f-givenNames").fill(given);
        phm.locator("#f-familyName").fill(family);
        phm.locator("#f-birthDate").fill(birthDate);
        phm.locator("button[value=continue]").click();
        if (phm.locator("button[value=new]").count() > 0) {
            phm.locator("button[value=new]").click();
        }
        assertThat(phm).hasURL(Pattern.compile(".*/phm/mothers/.*"));
        String phn = phm.locator("dd.phn").textContent().trim();
        assertThat(phn).isNotBlank();
        phmContext.close();
        return phn;
    }
}
