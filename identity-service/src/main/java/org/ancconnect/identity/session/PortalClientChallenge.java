package org.ancconnect.identity.session;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import org.ancconnect.commons.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Adds the HTTP Basic challenge (RFC 7235 requires one on every 401) to the back channel's client-authentication
 * refusals. The problem body itself comes from commons' mappers, which cannot set headers.
 */
public class PortalClientChallenge {

    /** Problem type slug of a failed portal client authentication. */
    static final String PROBLEM_TYPE = "client-authentication";
    private static final URI TYPE = Problem.type(PROBLEM_TYPE);

    @ServerResponseFilter
    public void challenge(ContainerResponseContext response) {
        if (response.getStatus() == 401 && response.getEntity() instanceof Problem problem && TYPE.equals(problem.type())) {
            response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"anc-identity\", charset=\"UTF-8\"");
        }
    }
}
