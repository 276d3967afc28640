package org.ancconnect.esignet.authorize;

import java.util.List;
import java.util.Set;
import org.ancconnect.esignet.client.RegisteredClient;

/**
 * A validated authorize request: the resolved ACRs (in preference order), the claims split into essential and
 * voluntary (already limited to the client's registered claims), the locales to release them in.
 */
public record AuthorizationRequest(RegisteredClient client, String redirectUri, String state, String nonce,
        String codeChallenge, List<String> acrs, Set<String> essentialClaims, Set<String> voluntaryClaims,
        List<String> claimsLocales, boolean promptConsent) {
}
