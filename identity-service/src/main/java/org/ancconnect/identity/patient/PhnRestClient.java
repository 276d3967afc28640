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
@Path("/api/v1/persons")
interface PhnRestClient {

    /** The assumed response: {@code {"items":[{"phn":"..."}]}}; other fields are ignored. */
    record PersonPage(List<PersonItem> items) {
    }

    /** One person of the page. */
    record PersonItem(String phn) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Uni<PersonPage> findByEsignetSub(@QueryParam("esignetSub") String esignetSub, @HeaderParam("Authorization") String authorization);
}
