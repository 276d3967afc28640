package org.ancconnect.dhis2standin.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import org.ancconnect.dhis2standin.StandinConfig;
import org.ancconnect.dhis2standin.web.WebMessages;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * DHIS2's two machine authentication schemes: HTTP Basic and {@code Authorization: ApiToken <pat>}
 * (personal access tokens, DHIS2 2.37+). Every {@code /api} call needs one; operational endpoints
 * under {@code /q} stay open like any Quarkus app's.
 */
public class AuthFilter {

    /** Request property holding the authenticated {@link User}. */
    public static final String USER = "standin.user";

    private final Users users;
    private final StandinConfig config;

    public AuthFilter(Users users, StandinConfig config) {
        this.users = users;
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api")) {
            return Optional.empty();
        }
        Optional<User> user = userOf(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (user.isEmpty()) {
            return Optional.of(Response.status(401).type(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"DHIS2\"")
                    .entity(WebMessages.message(401, "ERROR", "Unauthorized")).build());
        }
        request.setProperty(USER, user.get());
        return Optional.empty();
    }

    private Optional<User> userOf(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            String password = decoded.substring(colon + 1);
            return users.byUsername(decoded.substring(0, colon)).filter(u -> MessageDigest.isEqual(
                    u.password().getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8)));
        }
        if (authorization.regionMatches(true, 0, "ApiToken ", 0, 9)) {
            String username = config.apiTokens().get(authorization.substring(9).trim());
            return username == null ? Optional.empty() : users.byUsername(username);
        }
        return Optional.empty();
    }
}
