package org.ancconnect.identity.esignet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.ancconnect.commons.problem.ProblemException;
import org.ancconnect.identity.IdentityConfig;

/**
 * Where a flow returns the browser: only to a configured portal URL (no open redirect), carried across the eSignet
 * round trip in a short-lived HttpOnly cookie scoped to the flow's path.
 */
@ApplicationScoped
public class ReturnUrls {

    /** Cookie life: an eSignet round trip with OTP takes minutes, not hours. */
    private static final int COOKIE_SECONDS = 900;

    private final IdentityConfig config;

    public ReturnUrls(IdentityConfig config) {
        this.config = config;
    }

    /** Validates {@code url} against the configured portal URLs. */
    public String check(String url) {
        if (url == null || url.isBlank() || url.length() > 1000) {
            throw ProblemException.invalidField("return", "is required");
        }
        URI uri = URI.create(url).normalize();
        boolean allowed = uri.getRawUserInfo() == null && config.portalReturnUrls().stream().anyMatch(prefix -> uri.toString().startsWith(prefix));
        if (!allowed) {
            throw ProblemException.invalidField("return", "is not a registered portal URL");
        }
        return uri.toString();
    }

    public NewCookie cookie(String name, String value, String path) {
        return new NewCookie.Builder(name).value(value).path(path).httpOnly(true).sameSite(NewCookie.SameSite.LAX)
                .secure(config.publicUrl().startsWith("https:")).maxAge(value.isEmpty() ? 0 : COOKIE_SECONDS).build();
    }

    /** Cancel at eSignet ({@code access_denied}) or a refused start: back to the portal with the error, nothing created. */
    public Response backWithError(String returnUrl, String error, String cookie, String cookiePath) {
        String target = check(returnUrl);
        return Response.seeOther(withParam(target, "error", error == null ? "access_denied" : error))
                .cookie(cookie(cookie, "", cookiePath)).build();
    }

    /** {@code base} with one more query parameter. */
    public static URI withParam(String base, String name, String value) {
        return URI.create(base + (base.contains("?") ? "&" : "?") + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
