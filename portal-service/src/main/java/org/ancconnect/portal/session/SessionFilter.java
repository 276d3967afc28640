package org.ancconnect.portal.session;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.ancconnect.portal.clients.BackendException;
import org.ancconnect.portal.clients.IdentityModels;
import org.ancconnect.portal.clients.SessionClient;
import org.ancconnect.portal.security.CsrfCheck;
import org.ancconnect.portal.web.ErrorPages;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Checks CSRF ({@link CsrfCheck}) and resolves the signed-in user of every page request from the session cookie (token cache, else identity-service's
 * token refresh) and enforces {@link RequireRole}. Without a valid session a protected GET goes to sign-in with its
 * path as the way back; a protected POST first keeps what was typed in the encrypted saved-form cookie.
 */
public class SessionFilter {

    private static final Logger LOG = Logger.getLogger(SessionFilter.class);

    private final SessionCache cache;
    private final SessionClient sessions;
    private final PortalUser user;
    private final PortalKeys keys;
    private final SavedForms savedForms;
    private final SessionCookies cookies;
    private final ErrorPages errors;
    private final CsrfCheck csrf;

    public SessionFilter(SessionCache cache, SessionClient sessions, PortalUser user, PortalKeys keys, SavedForms savedForms,
            SessionCookies cookies, ErrorPages errors, CsrfCheck csrf) {
        this.csrf = csrf;
        this.cache = cache;
        this.sessions = sessions;
        this.user = user;
        this.keys = keys;
        this.savedForms = savedForms;
        this.cookies = cookies;
        this.errors = errors;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    @WithFormRead
    public Uni<Response> resolve(ResteasyReactiveContainerRequestContext context, ResourceInfo resource, HttpServerRequest request) {
        Response refused = csrf.check(context, request);
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        RequireRole required = required(resource);
        Cookie cookie = request.getCookie(SessionCookies.SESSION);
        String sessionId = cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
        if (sessionId == null) {
            return Uni.createFrom().item(required == null ? null : toSignIn(context, request, false));
        }
        IdentityModels.SessionView cached = cache.fresh(sessionId);
        if (cached != null) {
            user.signIn(cached, keys.csrfToken(sessionId));
            return Uni.createFrom().item(authorize(required));
        }
        return sessions.refresh(sessionId).onItem().transform(view -> {
            cache.put(sessionId, view);
            user.signIn(view, keys.csrfToken(sessionId));
            return authorize(required);
        }).onFailure().recoverWithItem(failure -> {
            user.clear();
            if (failure instanceof BackendException e && e.status() >= 400 && e.status() < 500) {
                cache.evict(sessionId);
                return required == null ? null : toSignIn(context, request, true);
            }
            LOG.warnf("Session refresh at identity-service failed: %s", failure.getClass().getSimpleName());
            return required == null ? null : errors.response(503);
        });
    }

    private Response authorize(RequireRole required) {
        if (required == null || required.value().length == 0 || user.hasAnyRole(Set.of(required.value()))) {
            return null;
        }
        return errors.response(403);
    }

    /** To sign-in, keeping the way back (and, for a form post, what was typed). */
    private Response toSignIn(ResteasyReactiveContainerRequestContext context, HttpServerRequest request, boolean expired) {
        String path = request.path();
        boolean safe = "GET".equals(request.method().name()) || "HEAD".equals(request.method().name());
        String back = safe && request.query() != null ? path + "?" + request.query() : path;
        StringBuilder target = new StringBuilder("/signin?return=").append(URLEncoder.encode(back, StandardCharsets.UTF_8));
        if (expired) {
            target.append("&expired=1");
        }
        Response.ResponseBuilder redirect = Response.seeOther(URI.create(target.toString()));
        if (expired) {
            redirect.cookie(cookies.expired(SessionCookies.SESSION));
        }
        if (!safe) {
            Optional<String> sealed = savedForms.seal(path, FormFields.of(context));
            NewCookie kept = sealed.map(cookies::savedForm).orElse(cookies.expired(SavedForms.COOKIE));
            redirect.cookie(kept);
            target.append(sealed.isPresent() ? "&kept=1" : "&kept=0");
            redirect.location(URI.create(target.toString()));
        }
        return redirect.build();
    }

    private static RequireRole required(ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        RequireRole onMethod = resource.getResourceMethod().getAnnotation(RequireRole.class);
        return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(RequireRole.class);
    }
}
