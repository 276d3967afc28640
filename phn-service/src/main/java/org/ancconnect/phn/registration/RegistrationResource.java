package org.ancconnect.phn.registration;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Point-of-care registration API. {@code resolve} is the dry run the midwife's screen calls first to show
 * explained candidates; {@code register} records the registration (with her decision, if she made one).
 */
@Path("/api/registrations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"PHM", "ADMIN"})
public class RegistrationResource {

    private final RegistrationService service;
    private final SecurityIdentity identity;

    public RegistrationResource(RegistrationService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    /** Registers; 201 when a new PHN was issued, 200 when linked to an existing person or replayed. */
    @POST
    public Uni<Response> register(@Valid @NotNull RegistrationRequest request) {
        return service.register(request, identity.getPrincipal().getName()).map(r -> Response
                .status(!r.replayed() && r.outcome().name().startsWith("NEW") ? 201 : 200).entity(r).build());
    }

    /** What registering would do, with candidates and explanations; writes nothing. */
    @POST
    @Path("/resolve")
    public Uni<RegistrationResult> resolve(@Valid @NotNull RegistrationRequest request) {
        return service.resolve(request);
    }
}
