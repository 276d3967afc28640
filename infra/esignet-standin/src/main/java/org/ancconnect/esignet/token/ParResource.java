package org.ancconnect.esignet.token;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import org.ancconnect.esignet.authorize.ParStore;
import org.ancconnect.esignet.client.RegisteredClient;
import org.ancconnect.esignet.discovery.Endpoints;

/**
 * {@code /v1/esignet/oauth/par} (RFC 9126): the client authenticates with its assertion, the redirect URI is
 * checked now and the parameters kept for one use of the returned {@code request_uri}. Nonce uniqueness is checked when the browser
 * arrives, with the rest of the authorize validation.
 */
@Path(Endpoints.PAR)
public class ParResource {

    private final TokenResource tokens;
    private final ParStore store;
    private final Endpoints endpoints;

    public ParResource(TokenResource tokens, ParStore store, Endpoints endpoints) {
        this.tokens = tokens;
        this.store = store;
        this.endpoints = endpoints;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response push(MultivaluedMap<String, String> form) {
        try {
            // RFC 9126 section 2: the PAR endpoint, the token endpoint and the issuer are all acceptable audiences.
            RegisteredClient client = tokens.authenticate(form, endpoints.url(Endpoints.PAR), endpoints.url(Endpoints.TOKEN));
            Map<String, String> params = new HashMap<>();
            form.forEach((name, values) -> params.put(name, values.getFirst()));
            params.remove("client_assertion");
            params.remove("client_assertion_type");
            if (params.containsKey("request_uri")) {
                throw new TokenError("invalid_request", "request_uri cannot be pushed");
            }
            if (!client.redirectUris().contains(params.get("redirect_uri"))) {
                throw new TokenError("invalid_request", "The redirect URI is not registered for this client");
            }
            params.put("client_id", client.clientId());
            String requestUri = store.push(client.clientId(), params);
            return Response.status(Response.Status.CREATED)
                    .entity(Map.of("request_uri", requestUri, "expires_in", store.lifetime().toSeconds())).build();
        } catch (TokenError e) {
            return TokenResource.error(e);
        }
    }
}
