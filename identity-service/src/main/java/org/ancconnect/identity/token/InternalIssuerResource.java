package org.ancconnect.identity.token;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.ancconnect.identity.IdentityConfig;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;

/**
 * The internal issuer: a minimal discovery document and the JWKS, enough for the other services' quarkus-oidc
 * bearer authentication ({@code quarkus.oidc.auth-server-url=${anc.internal-issuer}}).
 */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public class InternalIssuerResource {

    private final SigningKeyRing keys;
    private final String issuer;

    public InternalIssuerResource(SigningKeyRing keys, IdentityConfig config) {
        this.keys = keys;
        this.issuer = config.tokens().issuer();
    }

    @GET
    @Path(".well-known/openid-configuration")
    public Map<String, Object> discovery() {
        return Map.of("issuer", issuer, "jwks_uri", issuer + "/jwks", "id_token_signing_alg_values_supported", List.of("RS256"),
                "subject_types_supported", List.of("public"), "response_types_supported", List.of("code"));
    }

    @GET
    @Path("jwks")
    public Uni<String> jwks() {
        return keys.publishedKeys().map(list -> new JsonWebKeySet(list).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }
}
