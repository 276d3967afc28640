package org.ancconnect.esignet.authorize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ancconnect.esignet.ExpiringStore;
import org.ancconnect.esignet.StandinConfig;
import org.ancconnect.esignet.client.ClientRegistry;
import org.ancconnect.esignet.client.RegisteredClient;

/**
 * Validates authorize parameters as eSignet 1.8 does. Every failure is shown on the stand-in's page and never
 * reaches the relying party (eSignet only redirects for the user's own cancel).
 */
@ApplicationScoped
public class AuthorizationRequestValidator {

    /** Claims eSignet adds for {@code scope=profile} (OIDC Core 5.4), limited to what the mock identity system holds. */
    static final Set<String> PROFILE_CLAIMS = Set.of("name", "given_name", "family_name", "gender", "birthdate");
    /** Claims the mock identity system can release. */
    static final Set<String> SUPPORTED_CLAIMS = Set.of("name", "given_name", "family_name", "gender", "birthdate",
            "phone_number", "email", "address", "individual_id");
    /** Nonces are remembered for a day: far longer than any authorize transaction lives. */
    private static final Duration NONCE_MEMORY = Duration.ofDays(1);

    private final ClientRegistry clients;
    private final StandinConfig config;
    private final ObjectMapper mapper;
    private final ExpiringStore<Boolean> seenNonces = new ExpiringStore<>();

    public AuthorizationRequestValidator(ClientRegistry clients, StandinConfig config, ObjectMapper mapper) {
        this.clients = clients;
        this.config = config;
        this.mapper = mapper;
    }

    /** Validates; throws {@link AuthorizeException} with an eSignet error code for the page. */
    public AuthorizationRequest validate(Map<String, String> params) {
        RegisteredClient client = clients.find(params.get("client_id"))
                .orElseThrow(() -> new AuthorizeException("invalid_client_id", "Unknown client"));
        String redirectUri = params.get("redirect_uri");
        if (redirectUri == null || !client.redirectUris().contains(redirectUri)) {
            throw new AuthorizeException("invalid_redirect_uri", "The redirect URI is not registered for this client");
        }
        if (params.containsKey("request")) {
            throw new AuthorizeException("invalid_request", "Request objects are not supported");
        }
        if (!"code".equals(params.get("response_type"))) {
            throw new AuthorizeException("invalid_response_type", "Only response_type=code is supported");
        }
        String responseMode = params.getOrDefault("response_mode", "query");
        if (!"query".equals(responseMode)) {
            throw new AuthorizeException("invalid_response_mode", "Only response_mode=query is supported");
        }
        List<String> scopes = words(params.get("scope"));
        if (!scopes.contains("openid")) {
            throw new AuthorizeException("invalid_scope", "scope must contain openid");
        }
        String nonce = params.get("nonce");
        if (nonce == null || nonce.isBlank()) {
            throw new AuthorizeException("invalid_nonce", "nonce is required");
        }
        String codeChallenge = pkce(client, params);
        List<String> prompt = words(params.get("prompt"));
        if (prompt.size() > 1) {
            throw new AuthorizeException("invalid_prompt", "prompt takes exactly one value");
        }
        Set<String> essential = new LinkedHashSet<>();
        Set<String> voluntary = new LinkedHashSet<>();
        readClaims(params.get("claims"), essential, voluntary);
        if (scopes.contains("profile")) {
            PROFILE_CLAIMS.stream().filter(c -> !essential.contains(c)).forEach(voluntary::add);
        }
        essential.retainAll(client.userClaims());
        voluntary.retainAll(client.userClaims());
        voluntary.removeAll(essential);
        if (!seenNonces.putIfAbsent(client.clientId() + '|' + nonce, Boolean.TRUE, NONCE_MEMORY)) {
            throw new AuthorizeException("invalid_nonce", "nonce was already used");
        }
        return new AuthorizationRequest(client, redirectUri, params.get("state"), nonce, codeChallenge,
                acrs(client, params.get("acr_values")), essential, voluntary, locales(params.get("claims_locales")),
                prompt.contains("consent"));
    }

    private static String pkce(RegisteredClient client, Map<String, String> params) {
        String challenge = params.get("code_challenge");
        String method = params.get("code_challenge_method");
        if (challenge == null || challenge.isBlank()) {
            if (client.requirePkce()) {
                throw new AuthorizeException("invalid_pkce_challenge", "PKCE is required for this client");
            }
            return null;
        }
        if (!"S256".equals(method)) {
            throw new AuthorizeException("unsupported_pkce_challenge_method", "Only S256 is supported");
        }
        return challenge;
    }

    /** Requested ACRs the client is registered for and the deployment supports; none left means the client's own. */
    private List<String> acrs(RegisteredClient client, String requested) {
        List<String> resolved = new ArrayList<>(words(requested));
        resolved.retainAll(client.authContextRefs());
        resolved.retainAll(config.acrValuesSupported());
        return resolved.isEmpty() ? client.authContextRefs() : resolved;
    }

    private List<String> locales(String requested) {
        List<String> locales = new ArrayList<>(words(requested));
        locales.retainAll(config.claimsLocalesSupported());
        return locales.isEmpty() ? List.of("en") : locales;
    }

    private void readClaims(String claims, Set<String> essential, Set<String> voluntary) {
        if (claims == null || claims.isBlank()) {
            return;
        }
        JsonNode userinfo;
        try {
            userinfo = mapper.readTree(claims).path("userinfo");
        } catch (Exception e) {
            throw new AuthorizeException("invalid_claim", "claims is not valid JSON");
        }
        userinfo.properties().forEach(entry -> {
            if (!SUPPORTED_CLAIMS.contains(entry.getKey())) {
                return;
            }
            if (entry.getValue().path("essential").asBoolean(false)) {
                essential.add(entry.getKey());
            } else {
                voluntary.add(entry.getKey());
            }
        });
    }

    private static List<String> words(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
    }
}
