package org.ancconnect.sync.registration;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import org.ancconnect.commons.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The portal's view of registrations: where each mother's record stands in DHIS2 and the NEHR. A PHM sees
 * her own facility only (the token's {@code facility}); an ADMIN sees every facility; a DOCTOR may look one
 * mother up by PHN (a consultation starts from a PHN, never from a facility list).
 */
@Path("/api/sync/patients")
@Produces(MediaType.APPLICATION_JSON)
public class PatientStatusResource {

    /** One page of statuses. */
    public record Page(int page, int pageSize, long total, java.util.List<PatientStatus> items) {
    }

    private static final String UID = "^[a-zA-Z][a-zA-Z0-9]{10}$";

    private final PatientStatusRepository repository;
    private final SecurityIdentity identity;

    public PatientStatusResource(PatientStatusRepository repository, SecurityIdentity identity) {
        this.repository = repository;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({"PHM", "ADMIN"})
    public Page list(@QueryParam("facility") @Pattern(regexp = UID) String facility,
            @QueryParam("page") @DefaultValue("1") @Min(1) int page,
            @QueryParam("pageSize") @DefaultValue("50") @Min(1) @Max(500) int pageSize) throws SQLException {
        String orgUnit = facility;
        if (!identity.hasRole("ADMIN")) {
            String own = ownFacility();
            if (facility != null && !facility.equals(own)) {
                throw new ProblemException(403, "other-facility", "Forbidden", "A PHM sees her own facility's registrations only");
            }
            orgUnit = own;
        }
        PatientStatusRepository.Page found = repository.list(orgUnit, pageSize, (page - 1) * pageSize);
        return new Page(page, pageSize, found.total(), found.items());
    }

    @GET
    @Path("/{phn}")
    @RolesAllowed({"PHM", "ADMIN", "DOCTOR"})
    public PatientStatus one(@PathParam("phn") @Pattern(regexp = "^[A-Za-z0-9-]{4,32}$") String phn) throws SQLException {
        PatientStatus status = repository.find(phn).orElseThrow(() -> ProblemException.notFound("No registration with this PHN has reached sync-service"));
        if (!identity.hasRole("ADMIN") && !identity.hasRole("DOCTOR") && !ownFacility().equals(status.orgUnit())) {
            throw new ProblemException(403, "other-facility", "Forbidden", "The registration belongs to another facility");
        }
        return status;
    }

    private String ownFacility() {
        String facility = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim("facility") : null;
        if (facility == null) {
            throw new ProblemException(403, "no-facility", "Forbidden", "The access token carries no facility");
        }
        return facility;
    }
}
