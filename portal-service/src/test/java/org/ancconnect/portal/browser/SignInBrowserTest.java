package org.ancconnect.portal.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** Sign-in, role-based navigation, language switch and sign-out, in a real browser against the suite. */
@QuarkusTest
@TestProfile(SuiteProfile.class)
class SignInBrowserTest extends BrowserTestBase {

    @Test
    void midwifeSignsInSeesHerNavigationAndSignsOut() {
        page.navigate("/signin");
        check("signin-en");
        signInStaff(suite().phm());
        assertThat(page).hasURL(suite().portalUrl() + "/phm");
        assertThat(page.locator("header nav")).containsText("New registration");
        assertThat(page.locator("header nav")).not().containsText("Staff");
        check("phm-home");
        page.locator("a[hreflang=si]").click();
        assertThat(page.locator("html")).hasAttribute("lang", "si");
        check("phm-home-si");
        page.locator("form[action='/signout'] button").click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/signin\\?signedOut=1"));
        page.navigate("/phm");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/signin\\?return=%2Fphm"));
    }
}
