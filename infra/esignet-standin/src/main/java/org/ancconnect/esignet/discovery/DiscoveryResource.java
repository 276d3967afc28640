package org.ancconnect.esignet.discovery;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ancconnect.esignet.StandinConfig;
import org.ancconnect.esignet.keys.SigningKeys;

/** Discovery document and the two JWKS: eSignet's (tokens) and the mock identity system's (userinfo). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveryResource {

    private final Endpoints endpoints;
    private final StandinConfig config;
    private final SigningKeys keys;

    public DiscoveryResource(Endpoints endpoints, StandinConfig config, SigningKeys keys) {
        this.endpoints = endpoints;
        this.config = config;
        this.keys = keys;
    }

    @GET
    @Path(".well-known/openid-configuration")
    public Map<String, Object> discovery() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("issuer", endpoints.issuer());
        d.put("authorization_endpoint", endpoints.url("/authorize"));
        d.put("token_endpoint", endpoints.url(Endpoints.TOKEN));
        d.put("userinfo_endpoint", endpoints.url(Endpoints.USERINFO));
        d.put("jwks_uri", endpoints.url(Endpoints.JWKS));
        d.put("pushed_authorization_request_endpoint", endpoints.url(Endpoints.PAR));
        d.put("registration_endpoint", endpoints.url(Endpoints.CLIENT_MANAGEMENT));
        d.put("scopes_supported", List.of("openid", "profile", "email", "phone", "address"));
        d.put("response_types_supported", List.of("code"));
        d.put("response_modes_supported", List.of("query"));
        d.put("grant_types_supported", List.of("authorization_code"));
        d.put("acr_values_supported", config.acrValuesSupported());
        d.put("subject_types_supported", List.of("pairwise"));
        d.put("id_token_signing_alg_values_supported", List.of("PS256"));
        d.put("userinfo_signing_alg_values_supported", List.of("RS256"));
        d.put("userinfo_encryption_alg_values_supported", List.of("RSA-OAEP-256"));
        d.put("userinfo_encryption_enc_values_supported", List.of("A256GCM"));
        d.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        d.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS256", "PS256", "ES256"));
        d.put("code_challenge_methods_supported", List.of("S256"));
        d.put("claims_parameter_supported", true);
        d.put("request_parameter_supported", false);
        d.put("request_uri_parameter_supported", false);
        d.put("require_pushed_authorization_requests", false);
        d.put("claims_supported", List.of("sub", "name", "given_name", "family_name", "gender", "birthdate", "phone_number",
                "email", "address", "individual_id"));
        d.put("claims_locales_supported", config.claimsLocalesSupported());
        d.put("ui_locales_supported", List.of("en", "si", "ta"));
        d.put("display_values_supported", List.of("page", "popup", "touch", "wap"));
        return d;
    }

    @GET
    @Path(Endpoints.JWKS)
    public String jwks() {
        return config.userinfo().keyInEsignetJwks()
                ? SigningKeys.publicJwks(keys.esignetKey(), keys.identitySystemKey())
                : SigningKeys.publicJwks(keys.esignetKey());
    }

    @GET
    @Path(Endpoints.IDENTITY_SYSTEM_JWKS)
    public String identitySystemJwks() {
        return SigningKeys.publicJwks(keys.identitySystemKey());
    }
}
