package org.ancconnect.portal.clients;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** phn-service's API; wrapped by {@link PhnClient}. */
@RegisterRestClient(configKey = "phn")
@RegisterProvider(BackendExceptionMapper.class)
@Path("/api")
public interface PhnRestClient {

    @POST
    @Path("/registrations/resolve")
    PhnModels.Result resolve(@HeaderParam("Authorization") String bearer, PhnModels.Registration body);

    @POST
    @Path("/registrations")
    PhnModels.Result register(@HeaderParam("Authorization") String bearer, PhnModels.Registration body);

    @GET
    @Path("/persons/{phn}")
    PhnModels.Person person(@HeaderParam("Authorization") String bearer, @PathParam("phn") String phn);

    @POST
    @Path("/persons/{phn}/compare")
    PhnModels.Comparison compare(@HeaderParam("Authorization") String bearer, @PathParam("phn") String phn,
            PhnModels.Claims claims);

    @GET
    @Path("/persons")
    JsonNode search(@HeaderParam("Authorization") String bearer, @QueryParam("givenName") String givenName,
            @QueryParam("familyName") String familyName, @QueryParam("birthDate") String birthDate);

    @GET
    @Path("/persons/{phn}/history")
    List<JsonNode> history(@HeaderParam("Authorization") String bearer, @PathParam("phn") String phn);

    @GET
    @Path("/reviews")
    List<JsonNode> reviews(@HeaderParam("Authorization") String bearer, @QueryParam("limit") int limit);

    @POST
    @Path("/reviews/{id}/decision")
    JsonNode decide(@HeaderParam("Authorization") String bearer, @PathParam("id") UUID id, PhnModels.ReviewDecision body);

    @POST
    @Path("/persons/{phn}/merge")
    JsonNode merge(@HeaderParam("Authorization") String bearer, @PathParam("phn") String phn, PhnModels.Merge body);

    @POST
    @Path("/persons/{phn}/unmerge")
    JsonNode unmerge(@HeaderParam("Authorization") String bearer, @PathParam("phn") String phn, PhnModels.Unmerge body);
}
