package org.ancconnect.identity.audit;

import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.ancconnect.identity.esignet.CallbackIssuerCheck;
import org.jboss.logging.Logger;

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

    void onFailure(@ObservesAsync AuthenticationFailureEvent event) {
        RoutingContext context = event.getEventProperties().values().stream().filter(RoutingContext.class::isInstance)
                .map(RoutingContext.class::cast).findFirst().orElse(null);
        if (context == null || !CallbackIssuerCheck.CALLBACKS.contains(context.normalizedPath())) {
            return;
        }
        String path = context.normalizedPath();
        String type = path.startsWith("/signin/staff") ? "signin.staff" : path.startsWith("/signin/patient") ? "signin.patient" : "verification.complete";
        try {
            VertxContextSupport.subscribeAndAwait(() -> audit.record(type, "rejected:oidc", null,
                    event.getAuthenticationFailure().getClass().getSimpleName()));
        } catch (Throwable e) {
            LOG.warn("Could not audit a refused eSignet callback", e);
        }
    }
}
