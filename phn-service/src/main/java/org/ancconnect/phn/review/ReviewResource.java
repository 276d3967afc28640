package org.ancconnect.phn.review;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** The duplicate-review queue: open items and decisions. */
@Path("/api/reviews")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"ADMIN", "PHM"})
public class ReviewResource {

    /**
     * @param resolution SAME_PERSON or DIFFERENT_PERSONS
     * @param phn the candidate she is, for SAME_PERSON
     */
    public record Decision(@NotNull ReviewService.Resolution resolution, @Size(max = 32) String phn) {
    }

    private final ReviewService service;
    private final SecurityIdentity identity;

    public ReviewResource(ReviewService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    public Uni<List<JsonObject>> open(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return service.open(limit);
    }

    @POST
    @Path("/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<JsonObject> decide(@PathParam("id") UUID id, @Valid @NotNull Decision decision) {
        return service.decide(id, decision.resolution(), decision.phn(), identity.getPrincipal().getName());
    }
}
