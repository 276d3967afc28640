package org.ancconnect.portal.doctor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Response;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.ancconnect.portal.browser.BrowserTestBase;
import org.ancconnect.portal.browser.SuiteProfile;
import org.ancconnect.portal.nehr.NehrSeed;
import org.ancconnect.testsupport.suite.SuitePeople;
import org.junit.jupiter.api.Test;

/**
 * The doctor's journeys in a real browser against the suite: no grant means only the grant page; the mother's eSignet
 * verification opens her record; break-glass needs a reason and is flagged; every record view leaves an AuditEvent;
 * a consultation is written to the NEHR and shows in her record.
 */
@QuarkusTest
@TestProfile(SuiteProfile.class)
class DoctorBrowserTest extends BrowserTestBase {

    @Test
    void withoutAGrantTheDoctorSeesOnlyTheGrantPageAndNothingIsRead() {
        String phn = NehrSeed.mother(suite().fhirUrl(), NehrSeed.newPhn(), "Dilani Wickramasinghe", null, 2);
        signInStaff(suite().doctor());

        page.navigate("/doctor/patients/" + phn);

        assertThat(page.locator("h1")).hasText("Access to the record");
        assertThat(page.locator("main")).not().containsText("Dilani");
        assertThat(page.locator("main")).not().containsText("Blood pressure");
        check("doctor-grant");
        page.navigate("/doctor/patients/" + phn + "/consultation");
        assertThat(page.locator("h1")).hasText("Access to the record");
        assertThat(NehrSeed.awaitAuditEvents(suite().fhirUrl(), phn, 0)).as("nothing was read, nothing audited").isZero();
    }

    @Test
    void breakGlassNeedsAReasonThenOpensAFlaggedRecordAndEveryViewIsAudited() {
        String phn = NehrSeed.mother(suite().fhirUrl(), NehrSeed.newPhn(), "Dilani <b>Wickramasinghe</b>", null, 6);
        signInStaff(suite().doctor());
        page.navigate("/doctor/patients/" + phn);

        page.locator("#reason").fill("short");
        page.locator("form[action$='/break-glass'] button").click();
        assertThat(page.locator("#reason-problem")).isVisible();
        assertThat(page.locator("#reason")).hasAttribute("aria-invalid", "true");
        check("doctor-break-glass-reason-missing");

        page.locator("#reason").fill("Unconscious on admission, suspected eclampsia");
        page.locator("form[action$='/break-glass'] button").click();

        assertThat(page).hasURL(suite().portalUrl() + "/doctor/patients/" + phn);
        assertThat(page.locator("[role=alert]")).containsText("Emergency access (break the glass)");
        assertThat(page.locator("[role=alert]")).containsText("suspected eclampsia");
        assertThat(page.locator("h2#who-h")).hasText("Dilani <b>Wickramasinghe</b>");
        assertThat(page.locator("svg[role=img] polyline")).hasCount(2);
        assertThat(page.locator("section[aria-labelledby=bp-h] tbody tr")).hasCount(6);
        assertThat(page.locator("details.card")).hasCount(6);
        check("doctor-record-break-glass");
        int afterFirstView = NehrSeed.awaitAuditEvents(suite().fhirUrl(), phn, 2);
        assertThat(afterFirstView).as("break-glass event + one view").isEqualTo(2);

        page.reload();
        assertThat(NehrSeed.awaitAuditEvents(suite().fhirUrl(), phn, afterFirstView + 1)).isEqualTo(afterFirstView + 1);
    }

    @Test
    void theMothersVerificationGrantsAccessAndAConsultationIsWrittenBack() {
        SuitePeople.Person mother = suite().mothers().get(2);
        String phn = NehrSeed.mother(suite().fhirUrl(), NehrSeed.newPhn(), mother.fullName(), mother.birthDate(), null, 3);
        signInStaff(suite().doctor());
        page.navigate("/doctor/patients/" + phn);

        page.locator("form[action$='/grant'] button").click();
        check("doctor-handover");
        page.locator("#start-verification").click();
        authenticateAtEsignet(page, mother.uin());

        assertThat(page).hasURL(suite().portalUrl() + "/doctor/patients/" + phn);
        assertThat(page.locator(".notice").first()).containsText("Access granted by the mother until");
        assertThat(page.locator("main")).not().containsText("Emergency access");
        check("doctor-record-granted");

        page.locator("a[href$='/consultation']").click();
        check("doctor-consultation-form");
        page.locator("#systolic").fill("300");
        page.locator("#findings").fill("Headache since yesterday; ගර්භාෂ உயரம் checked");
        page.locator("form[action$='/consultation'] button[type=submit]").click();
        assertThat(page.locator("#systolic-problem")).isVisible();
        assertThat(page.locator("#findings")).hasValue("Headache since yesterday; ගර්භාෂ உயரம் checked");
        check("doctor-consultation-invalid");
        page.locator("#systolic").fill("148");
        page.locator("#diastolic").fill("96");
        page.locator("form[action$='/consultation'] button[type=submit]").click();

        assertThat(page.locator("[role=status]")).containsText("The consultation was saved");
        assertThat(page.locator("details.card").first()).containsText("Consultation");
        assertThat(page.locator("details.card").first()).containsText("148/96 mmHg");
        assertThat(page.locator("details.card").first()).containsText("ගර්භාෂ உயரம்");
        check("doctor-record-after-consultation");
    }

    @Test
    void aMistypedPhnExplainsItselfAndAMotherCannotUseTheDoctorPortal() {
        signInStaff(suite().doctor());
        page.navigate("/doctor");
        check("doctor-search");
        boolean explained = false;
        for (String typo : new String[] {"TSTX-222222-2", "TSTX-222222-3"}) {
            page.locator("#phn").fill(typo);
            page.locator("form[action='/doctor/search'] button").click();
            if (page.locator("#phn-problem").isVisible() && page.locator("#phn-problem").textContent().contains("check digit")) {
                explained = true;
                check("doctor-search-check-digit");
            }
        }
        assertThat(explained).as("at most one of two check characters is right; the other must be explained").isTrue();

        var mothersBrowser = newContext("en-GB");
        var mothersPage = newPage(mothersBrowser);
        signInPatient(mothersPage, suite().mothers().get(3));
        Response refused = mothersPage.navigate("/doctor/patients/" + NehrSeed.newPhn());
        assertThat(refused.status()).isEqualTo(403);
        mothersBrowser.close();
    }
}
