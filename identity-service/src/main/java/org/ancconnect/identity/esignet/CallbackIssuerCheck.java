package org.ancconnect.identity.esignet;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.ancconnect.identity.IdentityConfig;
import org.jboss.logging.Logger;

/**
 * RFC 9207: when the authorization response carries {@code iss}, it must be our eSignet's issuer, checked before
 * quarkus-oidc redeems the code (a mix-up attack would otherwise send a code from another provider to this one).
 */
@ApplicationScoped
public class CallbackIssuerCheck {

    /** Callback paths of the three tenants (their quarkus.oidc.*.authentication.redirect-path). */
    public static final List<String> CALLBACKS = List.of("/signin/staff/callback", "/signin/patient/callback", "/verify/callback");
    private static final Logger LOG = Logger.getLogger(CallbackIssuerCheck.class);
    /** Just after the body handler and before HTTP authentication, which redeems the code. */
    private static final int ORDER = Integer.MIN_VALUE + 10;

    void install(@Observes Router router, IdentityConfig config) {
        String expected = strip(config.esignet().issuer());
        for (String path : CALLBACKS) {
            router.route(path).order(ORDER).handler(context -> {
                String iss = context.request().getParam("iss");
                if (iss != null && !strip(iss).equals(expected)) {
                    LOG.warnf("Authorization response on %s from an unexpected issuer rejected", path);
                    context.response().setStatusCode(400).putHeader("Content-Type", "text/plain; charset=utf-8")
                            .end("Sign-in failed: the response came from an unexpected identity provider.");
                    return;
                }
                context.next();
            });
        }
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
