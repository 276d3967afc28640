package org.ancconnect.phn.merge;

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
import java.util.Map;

/** Merge a duplicate into a survivor, and undo it (administrators). */
@Path("/api/persons/{phn}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class MergeResource {

    /**
     * @param duplicatePhn the PHN to retire into the survivor
     * @param reason why, for the audit trail
     */
    public record MergeRequest(@NotBlank @Size(max = 32) String duplicatePhn, @NotBlank @Size(max = 500) String reason) {
    }

    /** @param duplicatePhn the retired PHN to restore as a separate person */
    public record UnmergeRequest(@NotBlank @Size(max = 32) String duplicatePhn) {
    }

    private final MergeService service;
    private final SecurityIdentity identity;

    public MergeResource(MergeService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Path("/merge")
    public Uni<Map<String, String>> merge(@PathParam("phn") String phn, @Valid @NotNull MergeRequest request) {
        return service.merge(phn, request.duplicatePhn(), request.reason(), identity.getPrincipal().getName())
                .map(p -> Map.of("survivorPersonId", p.id().toString()));
    }

    @POST
    @Path("/unmerge")
    public Uni<Map<String, String>> unmerge(@PathParam("phn") String phn, @Valid @NotNull UnmergeRequest request) {
        return service.unmerge(phn, request.duplicatePhn(), identity.getPrincipal().getName())
                .map(p -> Map.of("restoredPersonId", p.id().toString()));
    }
}
