package org.ancconnect.identity.audit;

import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.ancconnect.identity.esignet.CallbackIssuerCheck;
import org.jboss.logging.Logger;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Audits eSignet callbacks that quarkus-oidc refuses before identity-service's code runs (state, nonce, PKCE, code
 * redemption, ID token signature/alg/aud/iss/exp): the audit log then holds every refused sign-in, not only ours.
 */
@ApplicationScoped
public class RejectedCallbackAudit {

    private static final Logger LOG = Logger.getLogger(RejectedCallbackAudit.class);

    private final AuditLog audit;

    public RejectedCallbackAudit(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * The failure's cause chain as class names, with jose4j's error codes where a token was refused (8 audience, 9
     * signature, 17 algorithm or other JOSE processing, 1 expired…): the reason without any of the token's content,
     * which quarkus-oidc's own log line no longer carries (TokenContentLogFilter).
     */
    static String reason(Throwable failure) {
        StringBuilder reason = new StringBuilder();
        for (Throwable t = failure; t != null && reason.length() < 400; t = t.getCause() == t ? null : t.getCause()) {
            reason.append(reason.isEmpty() ? "" : " <- ").append(t.getClass().getSimpleName());
            if (t instanceof InvalidJwtException jwt && jwt.getErrorDetails() != null) {
                reason.append(jwt.getErrorDetails().stream().map(d -> String.valueOf(d.getErrorCode())).toList());
            }
        }
        return reason.toString();
    }

    void onFailure(@ObservesAsync AuthenticationFailureEvent event) {
        RoutingContext context = event.getEventProperties().values().stream().filter(RoutingContext.class::isInstance)
                .map(RoutingContext.class::cast).findFirst().orElse(null);
        if (context == null || !CallbackIssuerCheck.CALLBACKS.contains(context.normalizedPath())) {
            return;
        }
        String path = context.normalizedPath();
        String type = path.startsWith("/signin/staff") ? "signin.staff" : path.startsWith("/signin/patient") ? "signin.patient" : "verification.complete";
        try {
            VertxContextSupport.subscribeAndAwait(() -> audit.record(type, "rejected:oidc", null, reason(event.getAuthenticationFailure())));
        } catch (Throwable e) {
            LOG.warn("Could not audit a refused eSignet callback", e);
        }
    }
}
