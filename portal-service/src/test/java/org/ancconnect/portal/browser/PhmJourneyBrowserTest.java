package org.ancconnect.portal.browser;

import org.ancconnect.portal.nehr.Systems;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.regex.Pattern;
import org.ancconnect.testsupport.suite.SuitePeople;
import org.junit.jupiter.api.Test;

/**
 * The midwife's journeys end to end against the suite: verified registration (eSignet on her device), the health card,
 * an ANC visit into DHIS2, her list with sync status; an existing PHN compared field by field and linked; another
 * facility's midwife refused.
 */
@QuarkusTest
@TestProfile(SuiteProfile.class)
class PhmJourneyBrowserTest extends BrowserTestBase {

    @Test
    void verifiedRegistrationCardVisitAndListThenExistingPhnLinkedAndOtherFacilityRefused() {
        SuitePeople.Person mother = suite().mothers().get(0);
        signInStaff(suite().phm());
        page.navigate("/phm/register");
        check("phm-register-start");
        page.locator("form[action='/phm/register/verify'] button").click();
        assertThat(page).hasURL(Pattern.compile(".*/phm/register/handover.*"));
        check("phm-register-handover");
        page.locator("#start-verification").click();
        authenticateAtEsignet(page, mother.uin());

        assertThat(page).hasURL(Pattern.compile(".*/phm/register/verified.*"));
        assertThat(page.locator("#f-familyName")).hasValue(mother.familyName());
        assertThat(page.locator("#f-familyName")).hasAttribute("readonly", "");
        assertThat(page.locator(".notice.ok")).containsText("verified these details herself with eSignet");
        check("phm-register-form-verified");
        page.locator("button[value=continue]").click();

        assertThat(page).hasURL(Pattern.compile(".*/phm/mothers/.*registered=NEW.*"));
        String phn = page.locator("dd.phn").textContent().trim();
        assertThat(page.locator("h1")).containsText(mother.familyName());
        assertThat(page.locator("body")).containsText("Verified by eSignet");
        check("phm-mother-registered");

        page.navigate("/card/" + phn);
        assertThat(page.locator(".healthcard .phn")).hasText(phn);
        check("card-page");
        Fetched png = fetch(page, "GET", "/card/" + phn + ".png", null);
        assertThat(png.status()).isEqualTo(200);
        assertThat(png.contentType()).isEqualTo("image/png");
        Fetched pdf = fetch(page, "GET", "/card/" + phn + ".pdf", null);
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.head()).startsWith("%PDF-");

        recordVisitOnceEnrolled(phn);

        page.navigate("/phm");
        // The list is sync-service's, which keys mothers on the canonical PHN of phn-service's events.
        assertThat(page.locator("table")).containsText(Systems.phnValue(phn));
        check("phm-home-with-registration");

        registerAgainWithHerPhn(mother, phn);
        otherFacilityIsRefused(phn);
    }

    /** sync-service enrols her in DHIS2 from phn-service's event; the visit form appears once it has. */
    private void recordVisitOnceEnrolled(String phn) {
        for (int i = 0; i < 60 && page.locator("a[href$='/visit']").count() == 0; i++) {
            page.waitForTimeout(2_000);
            page.navigate("/phm/mothers/" + phn);
        }
        page.locator("a[href$='/visit']").click();
        check("phm-visit-form");
        page.locator("#f-de_Y3xF4qecAVw").fill("400");
        page.locator("form[action$='/visit'] button[type=submit]").click();
        assertThat(page.locator("#e-de_Y3xF4qecAVw")).containsText("from 60 to 260");
        check("phm-visit-form-invalid");
        page.locator("#f-de_Y3xF4qecAVw").fill("118");
        page.locator("#f-de_QMCuOLLRHHD").fill("76");
        page.locator("#f-de_gu4sr8eOZcT").fill("24");
        page.locator("#f-de_Ei55u2kvdzm").check();
        page.locator("form[action$='/visit'] button[type=submit]").click();
        assertThat(page).hasURL(Pattern.compile(".*/phm/mothers/.*visit=recorded"));
        assertThat(page.locator(".notice.ok")).containsText("recorded in DHIS2");
    }

    /** Without eSignet, with the PHN from her card: the record and her details side by side, then linked. */
    private void registerAgainWithHerPhn(SuitePeople.Person mother, String phn) {
        page.navigate("/phm/register/manual");
        assertThat(page.locator(".badge.low")).containsText("Lower assurance");
        check("phm-register-form-manual");
        page.locator("#f-givenNames").fill(mother.givenName());
        page.locator("#f-familyName").fill(mother.familyName());
        page.locator("#f-birthDate").fill(mother.birthDate());
        page.locator("#f-presentedPhn").fill(phn);
        page.locator("button[value=continue]").click();
        assertThat(page.locator("h1")).containsText("Is this the same person?");
        assertThat(page.locator("table")).containsText(mother.familyName());
        check("phm-register-compare");
        page.locator("button[value=same]").click();
        assertThat(page).hasURL(Pattern.compile(".*/phm/mothers/.*registered=LINKED_MANUAL.*"));
        assertThat(page.locator("dd.phn")).hasText(phn);
    }

    private void otherFacilityIsRefused(String phn) {
        BrowserContext other = newContext("en-GB");
        Page otherPage = newPage(other);
        signInStaff(otherPage, suite().phmOtherFacility());
        com.microsoft.playwright.Response refused = otherPage.navigate("/phm/mothers/" + phn);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(otherPage.locator("h1")).containsText("Error 403");
        assertThat(otherPage.navigate("/phm/mothers/" + phn + "/visit").status()).isEqualTo(403);
        assertThat(otherPage.locator("table").count() == 0 || !otherPage.locator("table").textContent().contains(Systems.phnValue(phn)))
                .isTrue();
        other.close();
    }
}
