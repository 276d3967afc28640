package org.ancconnect.portal.patient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.regex.Pattern;
import org.ancconnect.portal.browser.BrowserTestBase;
import org.ancconnect.portal.browser.SuiteProfile;
import org.ancconnect.portal.nehr.NehrSeed;
import org.ancconnect.testsupport.suite.SuitePeople;
import org.junit.jupiter.api.Test;

/**
 * The whole journey across portals: a midwife registers a mother (eSignet-verified) and records her visit in DHIS2;
 * sync-service carries both to the NEHR; the doctor finds her by PHN, she grants access by verifying on the doctor's
 * device, and the doctor sees the visit; then she signs in on her own phone, sees the same visit and the doctor's
 * access, and another mother cannot reach her record by any URL.
 */
@QuarkusTest
@TestProfile(SuiteProfile.class)
class CrossPortalBrowserTest extends BrowserTestBase {

    @Test
    void aMotherRegisteredByAMidwifeAppearsWithHerVisitForTheDoctorAndHerself() {
        SuitePeople.Person mother = suite().mothers().get(1);
        signInStaff(suite().phm());
        String phn = registerVerified(mother);
        recordVisit(phn);
        // The doctor's first view reads her record once and the test profile keeps it for 10 minutes (RecordCache), so
        // she opens it once sync-service has written the visit to the NEHR: opened earlier, the page would go on showing
        // the record without it (seen in CI when the view came 0.3 s before the sync).
        awaitEncounterInNehr(phn);

        BrowserContext doctorsBrowser = newContext("en-GB");
        Page doctor = newPage(doctorsBrowser);
        signInStaff(doctor, suite().doctor());
        doctor.navigate("/doctor");
        doctor.locator("#phn").fill(phn.replace("-", "").toLowerCase(java.util.Locale.ROOT));
        doctor.locator("form[action='/doctor/search'] button").click();
        assertThat(doctor.locator("h1")).hasText("Access to the record");
        doctor.locator("form[action$='/grant'] button").click();
        doctor.locator("#start-verification").click();
        authenticateAtEsignet(doctor, mother.uin());
        assertThat(doctor).hasURL(suite().portalUrl() + "/doctor/patients/" + phn);
        assertThat(doctor.locator("details.card").first()).containsText("132/84 mmHg");
        assertThat(doctor.locator("h2#who-h")).hasText(mother.fullName());
        check(doctor, "e2e-doctor-record");
        doctorsBrowser.close();

        BrowserContext herPhone = newContext("ta-LK");
        Page me = newPage(herPhone);
        signInPatient(me, mother);
        me.navigate("/me");
        assertThat(me.locator("html")).hasAttribute("lang", "ta");
        assertThat(me.locator("details.card").first()).containsText("132/84 mmHg");
        assertThat(me.locator("a[href='/card/" + phn + "']")).isVisible();
        check(me, "e2e-patient-record-ta");
        // The doctor's view reaches the NEHR through the audit queue: her access log shows it within seconds.
        NehrSeed.awaitAuditEvents(suite().fhirUrl(), phn, 2);
        me.navigate("/me/access");
        assertThat(me.locator("tbody")).containsText(suite().doctor().person().fullName());
        check(me, "e2e-patient-access-log-ta");
        int audited = NehrSeed.awaitAuditEvents(suite().fhirUrl(), phn, 2);
        assertThat(audited).as("the doctor's view and hers").isGreaterThanOrEqualTo(2);
        herPhone.close();

        BrowserContext otherPhone = newContext("en-GB");
        Page other = newPage(otherPhone);
        signInPatient(other, suite().mothers().get(5));
        other.navigate("/me?phn=" + phn);
        assertThat(other.locator("main")).not().containsText(phn);
        assertThat(other.navigate("/card/" + phn).status()).isEqualTo(403);
        assertThat(other.navigate("/doctor/patients/" + phn).status()).isEqualTo(403);
        assertThat(NehrSeed.awaitAuditEvents(suite().fhirUrl(), phn, audited)).as("her record was not read for the other mother").isEqualTo(audited);
        otherPhone.close();
    }

    /** The midwife's eSignet-verified registration (as WEB's midwife journey does it); answers her new PHN. */
    private String registerVerified(SuitePeople.Person mother) {
        page.navigate("/phm/register");
        page.locator("form[action='/phm/register/verify'] button").click();
        page.locator("#start-verification").click();
        authenticateAtEsignet(page, mother.uin());
        assertThat(page).hasURL(Pattern.compile(".*/phm/register/verified.*"));
        page.locator("button[value=continue]").click();
        assertThat(page).hasURL(Pattern.compile(".*/phm/mothers/.*registered=.*"));
        return page.locator("dd.phn").textContent().trim();
    }

    /** The visit form appears once sync-service has enrolled her in DHIS2. */
    private void recordVisit(String phn) {
        for (int i = 0; i < 60 && page.locator("a[href$='/visit']").count() == 0; i++) {
            page.waitForTimeout(2_000);
            page.navigate("/phm/mothers/" + phn);
        }
        page.locator("a[href$='/visit']").click();
        page.locator("#f-de_Y3xF4qecAVw").fill("132");
        page.locator("#f-de_QMCuOLLRHHD").fill("84");
        page.locator("form[action$='/visit'] button[type=submit]").click();
        assertThat(page).hasURL(Pattern.compile(".*/phm/mothers/.*visit=recorded"));
    }

    /** sync-service polls DHIS2 every 3 s in the suite; the visit reaches the NEHR within a few polls. */
    private void awaitEncounterInNehr(String phn) {
        for (int i = 0; i < 40 && NehrSeed.encounters(suite().fhirUrl(), phn) == 0; i++) {
            page.waitForTimeout(3_000);
        }
        assertThat(NehrSeed.encounters(suite().fhirUrl(), phn))
                .as("her visit in the NEHR within 120 s").isPositive();
    }
}
