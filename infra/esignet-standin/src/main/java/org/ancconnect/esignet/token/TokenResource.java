package org.ancconnect.esignet.token;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import org.ancconnect.esignet.client.ClientRegistry;
import org.ancconnect.esignet.client.RegisteredClient;
import org.ancconnect.esignet.discovery.Endpoints;
import org.jboss.logging.Logger;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/** {@code /v1/esignet/oauth/v2/token}: authorization code grant with {@code private_key_jwt} only. */
@Path(Endpoints.TOKEN)
public class TokenResource {

    private static final Logger LOG = Logger.getLogger(TokenResource.class);

    private final ClientRegistry clients;
    private final ClientAssertionVerifier assertions;
    private final Grants grants;
    private final TokenIssuer issuer;
    private final Endpoints endpoints;

    public TokenResource(ClientRegistry clients, ClientAssertionVerifier assertions, Grants grants, TokenIssuer issuer,
            Endpoints endpoints) {
        this.clients = clients;
        this.assertions = assertions;
        this.grants = grants;
        this.issuer = issuer;
        this.endpoints = endpoints;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(MultivaluedMap<String, String> form) {
        try {
            if (!"authorization_code".equals(form.getFirst("grant_type"))) {
                throw new TokenError("unsupported_grant_type", "Only authorization_code is supported");
            }
            RegisteredClient client = authenticate(form, endpoints.url(Endpoints.TOKEN));
            AuthorizationGrant grant = grants.redeem(form.getFirst("code"))
                    .orElseThrow(() -> new TokenError("invalid_grant", "Code is invalid, expired or already used"));
            if (!grant.clientId().equals(client.clientId())) {
                throw new TokenError("invalid_grant", "Code was issued to another client");
            }
            if (!grant.redirectUri().equals(form.getFirst("redirect_uri"))) {
                throw new TokenError("invalid_grant", "redirect_uri differs from the authorize request");
            }
            if (grant.codeChallenge() != null && !grant.codeChallenge().equals(s256(form.getFirst("code_verifier")))) {
                throw new TokenError("invalid_grant", "PKCE verification failed");
            }
            return Response.ok(issuer.issue(client, grant)).header("Cache-Control", "no-store").build();
        } catch (TokenError e) {
            LOG.infof("Token request rejected: %s (%s)", e.error(), e.getMessage());
            return error(e);
        }
    }

    /** Authenticates the client by its assertion; shared with the PAR endpoint. */
    RegisteredClient authenticate(MultivaluedMap<String, String> form, String... endpoints) {
        if (!ClientAssertionVerifier.ASSERTION_TYPE.equals(form.getFirst("client_assertion_type"))) {
            throw new TokenError("invalid_client", "Only private_key_jwt client authentication is supported");
        }
        String assertion = form.getFirst("client_assertion");
        String clientId = form.getFirst("client_id") != null ? form.getFirst("client_id") : unverifiedIssuer(assertion);
        RegisteredClient client = clients.find(clientId).orElseThrow(() -> new TokenError("invalid_client", "Unknown client"));
        assertions.verify(client, assertion, endpoints);
        return client;
    }

    static Response error(TokenError e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.error(), "error_description", e.getMessage())).build();
    }

    private static String unverifiedIssuer(String assertion) {
        if (assertion == null) {
            throw new TokenError("invalid_client", "client_assertion is required");
        }
        try {
            return new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature().setSkipSignatureVerification().build()
                    .processToClaims(assertion).getIssuer();
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException e) {
            throw new TokenError("invalid_client", "client_assertion is not a JWT");
        }
    }

    private static String s256(String verifier) {
        if (verifier == null) {
            return null;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
