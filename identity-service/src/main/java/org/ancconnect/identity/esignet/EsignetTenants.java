package org.ancconnect.identity.esignet;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The three eSignet tenants, created at their first request instead of at start. Their configuration stays in
 * application.properties ({@code quarkus.oidc.esignet-*}), with {@code tenant-enabled=false} so quarkus-oidc does not
 * build them while the service starts (three discovery and JWKS requests, and the PKCS12 keystore decrypted once per
 * tenant). This resolver hands quarkus-oidc the same configuration, enabled, for the same {@code tenant-paths};
 * quarkus-oidc then creates the tenant (discovery, JWKS, client-assertion key) at the first request on one of its paths
 * and keeps it for the life of the process. Verification is quarkus-oidc's, with unchanged settings.
 *
 * <p>Readiness does not depend on the tenants (it never did: a tenant whose discovery failed at start was retried at
 * its first request); it checks that eSignet's discovery document answers ({@code anc.health.http.esignet.url}).
 */
@ApplicationScoped
public class EsignetTenants implements TenantConfigResolver {

    private final Map<String, Uni<OidcTenantConfig>> byPath = new HashMap<>();

    public EsignetTenants() {
        OidcConfig oidc = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(OidcConfig.class);
        for (EsignetFlow flow : EsignetFlow.values()) {
            String tenantId = tenantId(flow);
            io.quarkus.oidc.runtime.OidcTenantConfig configured = oidc.namedTenants().get(tenantId);
            if (configured == null || configured.authServerUrl().isEmpty()) {
                throw new IllegalStateException("quarkus.oidc." + tenantId + " is not configured");
            }
            Uni<OidcTenantConfig> config = Uni.createFrom()
                    .item(OidcTenantConfig.builder(configured).tenantId(tenantId).tenantEnabled(true).build());
            for (String path : configured.tenantPaths().orElse(List.of())) {
                if (path.contains("*")) {
                    throw new IllegalStateException("quarkus.oidc." + tenantId + ".tenant-paths: only exact paths are supported, not " + path);
                }
                byPath.put(path, config);
            }
        }
    }

    /** The quarkus-oidc tenant id of a flow. */
    public static String tenantId(EsignetFlow flow) {
        return "esignet-" + flow.tenant();
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        Uni<OidcTenantConfig> config = byPath.get(context.normalizedPath());
        return config != null ? config : Uni.createFrom().nullItem();
    }
}
