package org.ancconnect.portal.patient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.ancconnect.portal.browser.BrowserTestBase;
import org.ancconnect.portal.browser.SuiteProfile;
import org.junit.jupiter.api.Test;

/** The mother's own portal in a real browser against the suite, for a mother the registry does not know yet. */
@QuarkusTest
@TestProfile(SuiteProfile.class)
class PatientBrowserTest extends BrowserTestBase {

    @Test
    void aMotherWithoutAPhnGetsAClearPageInHerLanguageAndNoOneElsesRecord() {
        var sinhala = newContext("si-LK");
        var p = newPage(sinhala);
        signInPatient(p, suite().mothers().get(4));

        p.navigate("/me");
        assertThat(p.locator("html")).hasAttribute("lang", "si");
        assertThat(p.locator("h1")).hasText("ඔබට තවම PHN අංකයක් නැත");
        check(p, "patient-no-phn-si");

        p.navigate("/me?phn=TSTX-222222-2");
        assertThat(p.locator("h1")).hasText("ඔබට තවම PHN අංකයක් නැත");
        p.navigate("/me/access");
        assertThat(p.locator("h1")).hasText("ඔබට තවම PHN අංකයක් නැත");
        assertThat(p.navigate("/doctor").status()).isEqualTo(403);
        sinhala.close();
    }

    @Test
    void staffCannotOpenAMothersOwnPortal() {
        signInStaff(suite().doctor());
        assertThat(page.navigate("/me").status()).isEqualTo(403);
        assertThat(page.navigate("/me/access").status()).isEqualTo(403);
    }
}
