package org.ancconnect.portal.clients;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** sync-service's API; wrapped by {@link SyncClient}. */
@RegisterRestClient(configKey = "sync")
@RegisterProvider(BackendExceptionMapper.class)
@Path("/api")
public interface SyncRestClient {

    @POST
    @Path("/visits")
    JsonNode recordVisit(@HeaderParam("Authorization") String bearer, SyncModels.Visit visit);

    @GET
    @Path("/sync/patients")
    JsonNode patients(@HeaderParam("Authorization") String bearer, @QueryParam("facility") String facility,
            @QueryParam("page") int page, @QueryParam("pageSize") int pageSize);

    @GET
    @Path("/sync/patients/{phn}")
    SyncModels.Patient patient(@HeaderParam("Authorization") String bearer, @PathParam("phn") String phn);

    @GET
    @Path("/sync/tracked-entities")
    JsonNode syncLog(@HeaderParam("Authorization") String bearer, @QueryParam("status") String status,
            @QueryParam("page") int page, @QueryParam("pageSize") int pageSize);

    @POST
    @Path("/sync/dead-letters/replay")
    JsonNode replayDeadLetters(@HeaderParam("Authorization") String bearer);

    @GET
    @Path("/dhis2/connection")
    JsonNode connection(@HeaderParam("Authorization") String bearer);
}
