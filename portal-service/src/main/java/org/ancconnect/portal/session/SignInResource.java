package org.ancconnect.portal.session;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.ancconnect.portal.PortalConfig;
import org.ancconnect.portal.clients.IdentityModels;
import org.ancconnect.portal.clients.SessionClient;
import org.ancconnect.portal.web.LocalPaths;
import org.jboss.logging.Logger;

/**
 * Sign-in and sign-out through identity-service. The browser goes to identity ({@code /signin/staff} or
 * {@code /signin/patient}) with a return URL carrying a random state that is also kept in an HttpOnly cookie;
 * identity sends it back with a one-time code, which is exchanged on the back channel (client credential) for a
 * session. Only the opaque session id reaches the browser, in the session cookie.
 */
@Path("/")
public class SignInResource {

    private static final Logger LOG = Logger.getLogger(SignInResource.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @CheckedTemplate
    static class Templates {
        /**
         * @param returnTo where to go after signing in
         * @param notice why the page is shown: expired, kept, lost, signedOut, denied, failed, or empty
         */
        static native TemplateInstance signin(String returnTo, String notice);
    }

    private final PortalConfig config;
    private final SessionClient sessions;
    private final SessionCache cache;
    private final SessionCookies cookies;
    private final PortalKeys keys;
    private final PortalUser user;
    private final MeterRegistry metrics;

    public SignInResource(PortalConfig config, SessionClient sessions, SessionCache cache, SessionCookies cookies,
            PortalKeys keys, PortalUser user, MeterRegistry metrics) {
        this.config = config;
        this.sessions = sessions;
        this.cache = cache;
        this.cookies = cookies;
        this.keys = keys;
        this.user = user;
        this.metrics = metrics;
    }

    /** Home: the signed-in user's own portal, else the sign-in page. */
    @GET
    public Response home() {
        return Response.seeOther(URI.create(user.isSignedIn() ? homeOf(user) : "/signin")).build();
    }

    @GET
    @Path("signin")
    public TemplateInstance signinPage(@QueryParam("return") String returnTo, @QueryParam("expired") String expired,
            @QueryParam("kept") String kept, @QueryParam("signedOut") String signedOut, @QueryParam("error") String error) {
        String notice = error != null ? ("access_denied".equals(error) ? "denied" : "failed")
                : "1".equals(kept) ? "kept" : "0".equals(kept) ? "lost" : expired != null ? "expired"
                : signedOut != null ? "signedOut" : "";
        return Templates.signin(LocalPaths.safe(returnTo), notice);
    }

    /** Starts a staff or patient sign-in at identity-service. */
    @GET
    @Path("signin/{kind:staff|patient}")
    public Response start(@PathParam("kind") String kind, @QueryParam("return") String returnTo) {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String payload = state + "|" + kind + "|" + LocalPaths.safe(returnTo);
        String cookie = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + keys.csrfToken("signin|" + payload);
        String back = config.publicUrl() + "/auth/callback?state=" + state;
        URI target = URI.create(config.identityUrl() + "/signin/" + kind + "?return=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
        return Response.seeOther(target).cookie(cookies.signIn(cookie)).build();
    }

    /** identity-service's way back: check the state, exchange the code, set the session cookie. */
    @GET
    @Path("auth/callback")
    public Uni<Response> callback(@QueryParam("state") String state, @QueryParam("code") String code,
            @QueryParam("error") String error, HttpServerRequest request) {
        Optional<String[]> started = started(request.getCookie(SessionCookies.SIGN_IN));
        if (started.isEmpty() || state == null || !constantTimeEquals(started.get()[0], state)) {
            count("unknown", "state-mismatch");
            return Uni.createFrom().item(toSignIn("/", "failed"));
        }
        String kind = started.get()[1];
        String next = started.get()[2];
        if (error != null || code == null || code.isBlank() || code.length() > 100) {
            count(kind, error != null ? "denied" : "no-code");
            return Uni.createFrom().item(toSignIn(next, "access_denied".equals(error) ? "denied" : "failed"));
        }
        return sessions.exchange(code).onItem().transform(session -> {
            cache.put(session.sessionId(), session);
            count(kind, "ok");
            String target = "/".equals(next) ? homeOf(session) : next;
            return Response.seeOther(URI.create(target)).cookie(cookies.session(session.sessionId()))
                    .cookie(cookies.expired(SessionCookies.SIGN_IN)).build();
        }).onFailure().recoverWithItem(failure -> {
            LOG.infof("Sign-in code exchange refused: %s", failure.getClass().getSimpleName());
            count(kind, "exchange-failed");
            return toSignIn(next, "failed");
        });
    }

    /** Ends the session at identity-service and here. */
    @POST
    @Path("signout")
    public Uni<Response> signout(HttpServerRequest request) {
        Cookie session = request.getCookie(SessionCookies.SESSION);
        Response done = Response.seeOther(URI.create("/signin?signedOut=1")).cookie(cookies.expired(SessionCookies.SESSION)).build();
        if (session == null) {
            return Uni.createFrom().item(done);
        }
        cache.evict(session.getValue());
        return sessions.logout(session.getValue()).onFailure().recoverWithNull().replaceWith(done);
    }

    /** The portal a user lands on after signing in. */
    static String homeOf(PortalUser user) {
        return home(user.roles());
    }

    private static String homeOf(IdentityModels.SessionView session) {
        return home(session.roles() == null ? java.util.List.of() : session.roles());
    }

    private static String home(java.util.List<String> roles) {
        if (roles.contains("ADMIN")) {
            return "/admin";
        }
        if (roles.contains("PHM")) {
            return "/phm";
        }
        if (roles.contains("DOCTOR")) {
            return "/doctor";
        }
        return roles.contains("PATIENT") ? "/me" : "/signin";
    }

    private Response toSignIn(String next, String notice) {
        String target = "/signin?return=" + URLEncoder.encode(next, StandardCharsets.UTF_8)
                + ("denied".equals(notice) ? "&error=access_denied" : "&error=failed");
        return Response.seeOther(URI.create(target)).cookie(cookies.expired(SessionCookies.SIGN_IN)).build();
    }

    /** The sign-in cookie's {state, kind, return path} when its MAC is ours. */
    private Optional<String[]> started(Cookie cookie) {
        if (cookie == null) {
            return Optional.empty();
        }
        String[] parts = cookie.getValue().split("\\.", 2);
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
            if (parts.length != 2 || !keys.csrfValid("signin|" + payload, parts[1])) {
                return Optional.empty();
            }
            String[] fields = payload.split("\\|", 3);
            return fields.length == 3 ? Optional.of(fields) : Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private void count(String kind, String outcome) {
        metrics.counter("portal_signins_total", "kind", kind, "outcome", outcome).increment();
    }
}
