package org.ancconnect.phn.registration;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Detaches a wrongly linked source record from a person (administrators). */
@Path("/api/persons/{phn}/unlink")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class UnlinkResource {

    /**
     * @param sourceSystem with {@code sourceId}: the source record to detach
     * @param targetPhn the person it belongs to; absent: a new person with a new PHN
     * @param reason why, for the audit trail
     */
    public record UnlinkRequest(@NotBlank @Size(max = 64) String sourceSystem, @NotBlank @Size(max = 128) String sourceId,
            @Size(max = 32) String targetPhn, @NotBlank @Size(max = 500) String reason) {
    }

    private final UnlinkService service;
    private final SecurityIdentity identity;

    public UnlinkResource(UnlinkService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    public Uni<UnlinkService.UnlinkResult> unlink(@PathParam("phn") String phn, @Valid @NotNull UnlinkRequest request) {
        return service.unlink(phn, request.sourceSystem(), request.sourceId(), request.targetPhn(), request.reason(),
                identity.getPrincipal().getName());
    }
}
