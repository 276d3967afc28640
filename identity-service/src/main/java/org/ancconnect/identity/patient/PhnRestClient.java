package org.ancconnect.identity.patient;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** phn-service's person search, as far as identity-service uses it. */
@RegisterRestClient(configKey = "phn")
@Path("/api/persons")
interface PhnRestClient {

    /** The response: {@code {"items":[{"phn":"..."}]}}; other fields are ignored. */
    record PersonPage(List<PersonItem> items) {
    }

    /** One person of the page. */
    record PersonItem(String phn) {
    }

    /** phn-service's exact look-up of the PHN registered for an eSignet subject (no item when there is none). */
    @GET
    @Path("/by-esignet-sub")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<PersonPage> findByEsignetSub(@QueryParam("sub") String esignetSub, @HeaderParam("Authorization") String authorization);
}
