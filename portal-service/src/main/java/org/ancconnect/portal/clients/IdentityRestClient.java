package org.ancconnect.portal.clients;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** identity-service's back channel as the portal calls it; wrapped by the public clients of this package. */
@RegisterRestClient(configKey = "identity")
@RegisterProvider(BackendExceptionMapper.class)
@Path("/api/v1")
public interface IdentityRestClient {

    @POST
    @Path("/sessions")
    Uni<IdentityModels.SessionView> exchange(@HeaderParam("Authorization") String basic, IdentityModels.CodeExchange body);

    @POST
    @Path("/sessions/token")
    Uni<IdentityModels.SessionView> refresh(@HeaderParam("Authorization") String basic, IdentityModels.SessionRef body);

    @POST
    @Path("/sessions/logout")
    Uni<Void> logout(@HeaderParam("Authorization") String basic, IdentityModels.SessionRef body);

    @POST
    @Path("/verifications")
    IdentityModels.VerificationCreated startVerification(@HeaderParam("Authorization") String bearer,
            IdentityModels.NewVerification body);

    @GET
    @Path("/verifications/{id}")
    IdentityModels.VerificationRecord collectVerification(@HeaderParam("Authorization") String bearer, @PathParam("id") UUID id);

    @GET
    @Path("/staff")
    List<IdentityModels.StaffView> listStaff(@HeaderParam("Authorization") String bearer);

    @POST
    @Path("/staff")
    IdentityModels.StaffView createStaff(@HeaderParam("Authorization") String bearer, IdentityModels.NewStaff body);

    @PUT
    @Path("/staff/{id}")
    IdentityModels.StaffView updateStaff(@HeaderParam("Authorization") String bearer, @PathParam("id") UUID id,
            IdentityModels.StaffUpdate body);

    @DELETE
    @Path("/staff/{id}")
    IdentityModels.StaffView deactivateStaff(@HeaderParam("Authorization") String bearer, @PathParam("id") UUID id);
}
