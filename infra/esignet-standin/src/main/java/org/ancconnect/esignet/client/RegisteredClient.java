package org.ancconnect.esignet.client;

import java.util.List;
import java.util.Set;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * A relying party as eSignet's client-management API registers it. Clients sharing a {@code relyingPartyId}
 * see the same pairwise subject for a person.
 */
public record RegisteredClient(String clientId, String clientName, PublicJsonWebKey publicKey, String relyingPartyId,
        Set<String> userClaims, List<String> authContextRefs, List<String> redirectUris, boolean requirePkce,
        boolean userinfoJwe, PublicJsonWebKey encryptionKey) {
}
