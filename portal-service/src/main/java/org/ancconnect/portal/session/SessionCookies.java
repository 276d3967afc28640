package org.ancconnect.portal.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;
import org.ancconnect.portal.PortalConfig;

/** The portal's cookies, all HttpOnly, SameSite=Lax and (by default) Secure. */
@ApplicationScoped
public class SessionCookies {

    /** identity-service's opaque session id; a browser-session cookie (identity enforces idle and absolute limits). */
    public static final String SESSION = "anc_session";

    /** The state and return path of a sign-in in progress. */
    public static final String SIGN_IN = "anc_signin";

    private final boolean secure;

    public SessionCookies(PortalConfig config) {
        this.secure = config.session().secureCookies();
    }

    public NewCookie session(String sessionId) {
        return build(SESSION, sessionId, null);
    }

    public NewCookie signIn(String value) {
        return build(SIGN_IN, value, Duration.ofMinutes(15));
    }

    public NewCookie savedForm(String value) {
        return build(SavedForms.COOKIE, value, SavedForms.LIFETIME);
    }

    /** A cookie that removes {@code name}. */
    public NewCookie expired(String name) {
        return new NewCookie.Builder(name).value("").path("/").maxAge(0).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX).build();
    }

    private NewCookie build(String name, String value, Duration life) {
        NewCookie.Builder b = new NewCookie.Builder(name).value(value).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX);
        if (life != null) {
            b.maxAge((int) life.toSeconds());
        }
        return b.build();
    }
}
