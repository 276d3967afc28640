package org.ancconnect.esignet.token;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** What a person authorized: carried by the code and then by the access token that reads userinfo. */
public record AuthorizationGrant(String clientId, String redirectUri, String codeChallenge, String nonce,
        String individualId, String acr, Instant authTime, Set<String> consentedClaims, List<String> claimsLocales) {
}
