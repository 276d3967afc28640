package org.ancconnect.portal.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import org.ancconnect.portal.PortalConfig;

/**
 * Security headers on every response, pages, static files and errors alike: a strict Content-Security-Policy
 * (no inline script or style anywhere; forms may post only here and to identity-service, where verification
 * continues), no MIME sniffing, no referrer beyond the origin, no framing. Pages may show personal data, so
 * everything but static assets is {@code no-store}.
 */
@ApplicationScoped
public class SecurityHeaders {

    private final String csp;

    public SecurityHeaders(PortalConfig config) {
        URI identity = URI.create(config.identityUrl());
        String identityOrigin = identity.getScheme() + "://" + identity.getRawAuthority();
        this.csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
                + "base-uri 'none'; frame-ancestors 'none'; form-action 'self' " + identityOrigin;
    }

    /** Registered ahead of every route, static files included (higher priority runs first). */
    void register(@Observes Filters filters) {
        filters.register(this::headers, 100);
    }

    void headers(RoutingContext rc) {
        MultiMap h = rc.response().headers();
        h.set("Content-Security-Policy", csp);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "strict-origin-when-cross-origin");
        h.set("X-Frame-Options", "DENY");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        String path = rc.normalizedPath();
        if (path.startsWith("/static/") || path.startsWith("/webjars/")) {
            h.set("Cache-Control", "public, max-age=3600");
        } else {
            h.set("Cache-Control", "no-store");
        }
        rc.next();
    }

    String csp() {
        return csp;
    }
}
