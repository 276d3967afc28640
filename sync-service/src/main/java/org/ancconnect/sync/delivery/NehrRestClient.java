package org.ancconnect.sync.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

/** The NEHR's FHIR base: transactions and the searches sync-service needs. Wrapped by {@link NehrClient}. */
@RegisterRestClient(configKey = "nehr")
interface NehrRestClient {

    /**
     * A typed answer, so the client hands it over whole: a {@code Response} is read as a stream, each chunk of the body
     * fetched through the event loop while the caller waits (a wake-up and a hand-over per chunk).
     */
    @POST
    @Consumes("application/fhir+json")
    @Produces("application/fhir+json")
    RestResponse<byte[]> transaction(JsonNode bundle);

    @GET
    @Path("/{type}")
    @Produces("application/fhir+json")
    Response search(@jakarta.ws.rs.PathParam("type") String type,
            @org.jboss.resteasy.reactive.RestQuery jakarta.ws.rs.core.MultivaluedMap<String, String> parameters);
}
