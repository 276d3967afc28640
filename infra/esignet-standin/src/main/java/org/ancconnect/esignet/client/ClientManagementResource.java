package org.ancconnect.esignet.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * eSignet's client-management API in MOSIP's envelope ({@code requestTime}/{@code request} in,
 * {@code responseTime}/{@code response}/{@code errors} out; errors come back with HTTP 200 as MOSIP does).
 */
@Path("/v1/esignet/client-mgmt/client")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ClientManagementResource {

    private static final Logger LOG = Logger.getLogger(ClientManagementResource.class);

    private final ClientRegistry registry;
    private final ObjectMapper mapper;

    public ClientManagementResource(ClientRegistry registry, ObjectMapper mapper) {
        this.registry = registry;
        this.mapper = mapper;
    }

    @POST
    public Map<String, Object> create(JsonNode body) {
        return handle(body.path("request"), body.path("request").path("clientId").asText(), true);
    }

    @PUT
    @Path("{clientId}")
    public Map<String, Object> update(@PathParam("clientId") String clientId, JsonNode body) {
        return handle(body.path("request"), clientId, false);
    }

    private Map<String, Object> handle(JsonNode request, String clientId, boolean create) {
        RegisteredClient client;
        try {
            client = parse(request, clientId);
        } catch (IllegalArgumentException | JoseException e) {
            return error("invalid_input", e.getMessage());
        }
        boolean done = create ? registry.register(client) : registry.update(client);
        if (!done) {
            return create ? error("duplicate_client_id", "Client id already registered") : error("invalid_client_id", "Unknown client");
        }
        LOG.infof("DEV/TEST ONLY eSignet stand-in: client %s %s (relying party %s)", clientId, create ? "registered" : "updated",
                client.relyingPartyId());
        return Map.of("responseTime", Instant.now().toString(), "response", Map.of("clientId", clientId, "status", "ACTIVE"),
                "errors", List.of());
    }

    private RegisteredClient parse(JsonNode request, String clientId) throws JoseException {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId is required");
        }
        JsonNode jwk = request.path("publicKey");
        if (!jwk.isObject()) {
            throw new IllegalArgumentException("publicKey must be a JWK");
        }
        PublicJsonWebKey publicKey = toKey(jwk);
        List<String> redirectUris = strings(request.path("redirectUris"));
        if (redirectUris.isEmpty()) {
            throw new IllegalArgumentException("redirectUris is required");
        }
        String relyingPartyId = request.path("relyingPartyId").asText("");
        if (relyingPartyId.isBlank()) {
            throw new IllegalArgumentException("relyingPartyId is required");
        }
        JsonNode additional = request.path("additionalConfig");
        boolean jwe = "JWE".equalsIgnoreCase(additional.path("userinfo_response_type").asText("JWS"));
        PublicJsonWebKey encryptionKey = additional.path("encPublicKey").isObject() ? toKey(additional.path("encPublicKey")) : publicKey;
        return new RegisteredClient(clientId, request.path("clientName").asText(clientId), publicKey, relyingPartyId,
                Set.copyOf(new LinkedHashSet<>(strings(request.path("userClaims")))), strings(request.path("authContextRefs")),
                redirectUris, additional.path("require_pkce").asBoolean(false), jwe, encryptionKey);
    }

    private PublicJsonWebKey toKey(JsonNode jwk) throws JoseException {
        JsonWebKey key = JsonWebKey.Factory.newJwk(mapper.convertValue(jwk, Map.class));
        if (!(key instanceof PublicJsonWebKey publicKey) || publicKey.getPrivateKey() != null) {
            throw new IllegalArgumentException("publicKey must be a public RSA or EC JWK");
        }
        return publicKey;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private static Map<String, Object> error(String code, String message) {
        return Map.of("responseTime", Instant.now().toString(), "errors", List.of(Map.of("errorCode", code, "errorMessage", message)));
    }
}
