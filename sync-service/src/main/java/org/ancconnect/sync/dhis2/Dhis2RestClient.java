package org.ancconnect.sync.dhis2;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

/** The DHIS2 Web API endpoints sync-service uses. Wrapped by {@link Dhis2Client}. */
@RegisterRestClient(configKey = "dhis2")
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
interface Dhis2RestClient {

    @GET
    @Path("/system/info")
    JsonNode systemInfo(@HeaderParam("Authorization") String auth);

    @GET
    @Path("/programs")
    JsonNode programs(@HeaderParam("Authorization") String auth, @QueryParam("fields") String fields,
            @QueryParam("paging") boolean paging);

    @GET
    @Path("/programs/{id}")
    JsonNode program(@HeaderParam("Authorization") String auth, @PathParam("id") String id,
            @QueryParam("fields") String fields);

    @GET
    @Path("/tracker/trackedEntities")
    JsonNode trackedEntities(@HeaderParam("Authorization") String auth, @RestQuery Map<String, String> query);

    @GET
    @Path("/tracker/trackedEntities/{uid}")
    JsonNode trackedEntity(@HeaderParam("Authorization") String auth, @PathParam("uid") String uid,
            @QueryParam("program") String program, @QueryParam("fields") String fields,
            @QueryParam("includeDeleted") boolean includeDeleted);

    @POST
    @Path("/tracker")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode importTracker(@HeaderParam("Authorization") String auth, @QueryParam("async") boolean async,
            @QueryParam("importStrategy") String importStrategy, JsonNode payload);

    @POST
    @Path("/dataValueSets")
    @Consumes(MediaType.APPLICATION_JSON)
    jakarta.ws.rs.core.Response dataValueSets(@HeaderParam("Authorization") String auth, @QueryParam("dryRun") boolean dryRun,
            @QueryParam("importStrategy") String importStrategy, JsonNode dataValueSet);

    @GET
    @Path("/users")
    JsonNode users(@HeaderParam("Authorization") String auth, @QueryParam("filter") String filter,
            @QueryParam("fields") String fields);
}
