package org.ancconnect.portal.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Layout, languages, security headers and refusals that need no back end. */
@QuarkusTest
class FoundationTest {

    @Test
    void signInPageCarriesTheSecurityHeaders() {
        given().redirects().follow(false).when().get("/signin").then().statusCode(200)
                .header("Content-Security-Policy", startsWith("default-src 'self'; script-src 'self'; style-src 'self';"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'; form-action 'self' http://127.0.0.1:"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "strict-origin-when-cross-origin")
                .header("Cache-Control", "no-store")
                .body(containsString("<html lang=\"en\">"), containsString("Sign in as staff"),
                        not(containsString("style=")), not(containsString("<script>")));
    }

    @Test
    void languageFollowsAcceptLanguageThenTheRememberedChoice() {
        given().header("Accept-Language", "si-LK,si;q=0.9,en;q=0.5").when().get("/signin").then().statusCode(200)
                .body(containsString("<html lang=\"si\">"), containsString("පිවිසෙන්න"));
        given().redirects().follow(false).when().get("/lang/ta?return=/signin").then().statusCode(303)
                .header("Location", endsWithPath("/signin"))
                .header("Set-Cookie", containsString("anc_lang=ta"))
                .header("Set-Cookie", containsString("HttpOnly"))
                .header("Set-Cookie", containsString("SameSite=Lax"));
        given().cookie("anc_lang", "ta").header("Accept-Language", "si").when().get("/signin").then().statusCode(200)
                .body(containsString("<html lang=\"ta\">"), containsString("உள்நுழைக"));
    }

    @Test
    void languageSwitchNeverRedirectsOffSite() {
        given().redirects().follow(false).when().get("/lang/si?return=//evil.example/x").then().statusCode(303)
                .header("Location", endsWithPath("/"));
        given().redirects().follow(false).when().get("/lang/si?return=https://evil.example/").then().statusCode(303)
                .header("Location", endsWithPath("/"));
    }

    @Test
    void unsafeRequestWithoutCsrfTokenIsRefusedReadably() {
        given().redirects().follow(false).cookie("anc_session", "some-session").formParam("x", "1")
                .when().post("/signout").then().statusCode(403)
                .body(containsString("This form has expired or did not come from this site"));
        given().redirects().follow(false).cookie("anc_session", "some-session").formParam("_csrf", "forged")
                .when().post("/signout").then().statusCode(403);
    }

    @Test
    void unknownPageGetsTheErrorPageInTheUsersLanguage() {
        given().header("Accept-Language", "ta").when().get("/no-such-page").then().statusCode(404)
                .body(containsString("இந்தப் பக்கம் இல்லை"));
    }

    @Test
    void staticAssetsAreServedAndCacheable() {
        given().when().get("/static/portal.css").then().statusCode(200).header("Cache-Control", containsString("max-age"));
        given().when().get("/webjars/htmx.org/2.0.4/dist/htmx.min.js").then().statusCode(200);
    }

    @Test
    void pageTimesAreMeasuredByPageNotByUrl() {
        given().when().get("/signin").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("portal_page_seconds_count{page=\"SignInResource.signinPage\",status=\"200\"}"));
    }

    @Test
    void protectedPagesSendAVisitorToSignInAndBack() {
        given().redirects().follow(false).when().get("/phm/register/manual").then().statusCode(303)
                .header("Location", endsWithPath("/signin?return=%2Fphm%2Fregister%2Fmanual"));
        given().redirects().follow(false).when().get("/admin/staff").then().statusCode(303)
                .header("Location", endsWithPath("/signin?return=%2Fadmin%2Fstaff"));
    }

    private static org.hamcrest.Matcher<String> endsWithPath(String path) {
        return org.hamcrest.Matchers.anyOf(equalTo(path), org.hamcrest.Matchers.endsWith(":" + "" + path),
                org.hamcrest.Matchers.matchesPattern("https?://[^/]+" + java.util.regex.Pattern.quote(path)));
    }
}
