package org.ancconnect.phn.registry;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import org.ancconnect.commons.problem.ProblemException;
import org.ancconnect.phn.issuance.PhnFormat;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Look-up by PHN, side-by-side comparison with verified claims, search, and identity history. */
@Path("/api/persons")
@Produces(MediaType.APPLICATION_JSON)
public class PersonResource {

    private final PersonService service;
    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final PhnFormat format;

    public PersonResource(PersonService service, SecurityIdentity identity, JsonWebToken token, PhnFormat format) {
        this.service = service;
        this.identity = identity;
        this.token = token;
        this.format = format;
    }

    /** A patient may read her own record only; staff any. */
    @GET
    @Path("/{phn}")
    @RolesAllowed({"PHM", "DOCTOR", "ADMIN", "PATIENT"})
    public Uni<PersonView> lookup(@PathParam("phn") String phn) {
        if (!identity.hasRole("PHM") && !identity.hasRole("DOCTOR") && !identity.hasRole("ADMIN")) {
            String own = token.getClaim("phn");
            if (own == null || !format.normalise(own).equals(format.normalise(phn))) {
                throw new ProblemException(403, "forbidden", "Forbidden", "A patient may read her own record only");
            }
        }
        return service.lookup(phn);
    }

    @POST
    @Path("/{phn}/compare")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"PHM", "DOCTOR", "ADMIN"})
    public Uni<PersonService.ComparisonView> compare(@PathParam("phn") String phn, @Valid @NotNull ClaimsRequest claims) {
        return service.compare(phn, claims);
    }

    @GET
    @RolesAllowed({"PHM", "DOCTOR", "ADMIN"})
    public Uni<List<PersonService.SearchHit>> search(@QueryParam("givenName") @NotBlank @Size(max = 60) String given,
            @QueryParam("familyName") @NotBlank @Size(max = 100) String family,
            @QueryParam("birthDate") LocalDate birthDate) {
        return service.search(given, family, birthDate);
    }

    /**
     * {@code GET /api/persons/by-esignet-sub?sub=}: {@code {"items":[{"phn":...}]}} with the PHN registered for this
     * eSignet subject, or no item. For identity-service's patient sign-in (its service token has role ADMIN).
     */
    @GET
    @Path("/by-esignet-sub")
    @RolesAllowed("ADMIN")
    public Uni<SubjectPhns> byEsignetSubject(@QueryParam("sub") @NotBlank @Size(max = 255) String sub) {
        return service.phnOfEsignetSubject(sub).map(SubjectPhns::new);
    }

    /** The answer of {@link #byEsignetSubject}: at most one item (an eSignet subject identifies one registry person). */
    public record SubjectPhns(List<PersonService.SubjectPhn> items) {
    }

    @GET
    @Path("/{phn}/history")
    @RolesAllowed({"PHM", "ADMIN"})
    public Uni<List<JsonObject>> history(@PathParam("phn") String phn) {
        return service.history(phn);
    }
}
