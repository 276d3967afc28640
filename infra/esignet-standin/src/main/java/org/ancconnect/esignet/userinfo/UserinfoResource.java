package org.ancconnect.esignet.userinfo;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.ancconnect.esignet.StandinConfig;
import org.ancconnect.esignet.client.ClientRegistry;
import org.ancconnect.esignet.client.RegisteredClient;
import org.ancconnect.esignet.discovery.Endpoints;
import org.ancconnect.esignet.faults.Fault;
import org.ancconnect.esignet.faults.Faults;
import org.ancconnect.esignet.identity.Identity;
import org.ancconnect.esignet.identity.PairwiseSubjects;
import org.ancconnect.esignet.identity.SeedIdentities;
import org.ancconnect.esignet.keys.SigningKeys;
import org.ancconnect.esignet.token.AuthorizationGrant;
import org.ancconnect.esignet.token.Grants;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * {@code /v1/esignet/oidc/userinfo}: always {@code application/jwt}, a JWS signed by the identity system's key (not
 * eSignet's), JWE-encrypted to the client's key when registered so; no {@code exp}/{@code iat}.
 */
@Path(Endpoints.USERINFO)
public class UserinfoResource {

    private static final String APPLICATION_JWT = "application/jwt";

    private final Grants grants;
    private final ClientRegistry clients;
    private final SeedIdentities identities;
    private final PairwiseSubjects subjects;
    private final SigningKeys keys;
    private final Faults faults;
    private final StandinConfig config;

    public UserinfoResource(Grants grants, ClientRegistry clients, SeedIdentities identities, PairwiseSubjects subjects,
            SigningKeys keys, Faults faults, StandinConfig config) {
        this.grants = grants;
        this.clients = clients;
        this.identities = identities;
        this.subjects = subjects;
        this.keys = keys;
        this.faults = faults;
        this.config = config;
    }

    @GET
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws JoseException {
        return userinfo(authorization);
    }

    @POST
    public Response post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws JoseException {
        return userinfo(authorization);
    }

    private Response userinfo(String authorization) throws JoseException {
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : null;
        AuthorizationGrant grant = grants.forAccessToken(token).orElse(null);
        RegisteredClient client = grant == null ? null : clients.find(grant.clientId()).orElse(null);
        Identity identity = grant == null ? null : identities.find(grant.individualId()).orElse(null);
        if (client == null || identity == null) {
            return Response.status(Response.Status.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build();
        }
        JwtClaims claims = new JwtClaims();
        String individualId = faults.fire(client.clientId(), Fault.USERINFO_OTHER_SUB) ? "other-" + identity.individualId() : identity.individualId();
        claims.setSubject(subjects.subject(individualId, client.relyingPartyId()));
        config.userinfo().issuer().ifPresent(claims::setIssuer);
        if (config.userinfo().includeAudience()) {
            claims.setAudience(client.clientId());
        }
        UserinfoClaims.of(identity, grant.consentedClaims(), grant.claimsLocales()).forEach(claims::setClaim);
        String jws = sign(claims, faults.fire(client.clientId(), Fault.USERINFO_BAD_SIGNATURE));
        String body = client.userinfoJwe() ? encrypt(jws, client) : jws;
        return Response.ok(body, APPLICATION_JWT).header("Cache-Control", "no-store").build();
    }

    private String sign(JwtClaims claims, boolean forged) throws JoseException {
        RsaJsonWebKey key = keys.identitySystemKey();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(forged ? RsaJwkGenerator.generateJwk(2048).getPrivateKey() : key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static String encrypt(String jws, RegisteredClient client) throws JoseException {
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setPayload(jws);
        jwe.setContentTypeHeaderValue("JWT");
        jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.RSA_OAEP_256);
        jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);
        jwe.setKey(client.encryptionKey().getPublicKey());
        if (client.encryptionKey().getKeyId() != null) {
            jwe.setKeyIdHeaderValue(client.encryptionKey().getKeyId());
        }
        return jwe.getCompactSerialization();
    }
}
