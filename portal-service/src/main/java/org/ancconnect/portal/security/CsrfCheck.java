package org.ancconnect.portal.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.ancconnect.portal.session.CsrfNames;
import org.ancconnect.portal.session.FormFields;
import org.ancconnect.portal.session.PortalKeys;
import org.ancconnect.portal.session.SessionCookies;
import org.ancconnect.portal.web.ErrorPages;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * CSRF protection of every unsafe request (POST, PUT, PATCH, DELETE) to a page: the token in the form's
 * {@code _csrf} field (or htmx's {@code X-CSRF-Token} header) must be the HMAC of the session id in the cookie,
 * compared in constant time. The session filter calls it first thing for every request (one filter, so no ordering of
 * filters can let an unsafe request past it), before the session is looked at: a form whose session has expired is
 * still recognised as the user's own and can be kept for after sign-in. Refusals get the readable 403 page.
 */
@ApplicationScoped
public class CsrfCheck {

    private static final Logger LOG = Logger.getLogger(CsrfCheck.class);
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final PortalKeys keys;
    private final ErrorPages errors;

    public CsrfCheck(PortalKeys keys, ErrorPages errors) {
        this.keys = keys;
        this.errors = errors;
    }

    /** The 403 page for an unsafe request without a valid token, else null. */
    public Response check(ResteasyReactiveContainerRequestContext context, HttpServerRequest request) {
        if (SAFE.contains(request.method().name())) {
            return null;
        }
        Cookie session = request.getCookie(SessionCookies.SESSION);
        String presented = request.getHeader(CsrfNames.HEADER);
        if (presented == null) {
            presented = FormFields.first(context, CsrfNames.FIELD);
        }
        if (session != null && keys.csrfValid(session.getValue(), presented)) {
            return null;
        }
        LOG.infof("CSRF token missing or invalid on a %s request (refused)", request.method().name());
        return errors.response(403, "csrf");
    }
}
