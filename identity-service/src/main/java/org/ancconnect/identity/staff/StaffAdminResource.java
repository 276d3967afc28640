package org.ancconnect.identity.staff;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Admin API of the staff directory (internal token with role ADMIN). */
@Path("/api/v1/staff")
@RolesAllowed("ADMIN")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class StaffAdminResource {

    /** A new staff member; the national ID is optional and only its keyed hash is kept. */
    public record NewStaff(@NotBlank @Size(max = 200) String displayName, @NotNull StaffMember.Role role,
            @NotBlank @Pattern(regexp = "[A-Za-z][A-Za-z0-9]{10}", message = "must be a DHIS2 uid") String facility,
            @Size(max = 20) @Pattern(regexp = "[0-9Vv ]*", message = "must be a national ID") String nationalId) {
    }

    /** A staff member as the directory shows it (never the national ID or its hash). */
    public record StaffView(UUID id, String displayName, StaffMember.Role role, String facility, boolean bound, boolean active,
            OffsetDateTime createdAt, String enrolmentCode) {

        static StaffView of(StaffMember m, String code) {
            return new StaffView(m.id, m.displayName, m.role, m.facility, m.esignetSub != null, m.active, m.createdAt, code);
        }
    }

    private final StaffService staff;

    public StaffAdminResource(StaffService staff) {
        this.staff = staff;
    }

    @POST
    public Uni<Response> create(@Valid @NotNull NewStaff request) {
        return staff.create(request.displayName(), request.role(), request.facility(), request.nationalId())
                .map(created -> Response.status(Response.Status.CREATED).entity(StaffView.of(created.member(), created.enrolmentCode())).build());
    }

    @GET
    public Uni<List<StaffView>> list() {
        return staff.list().map(members -> members.stream().map(m -> StaffView.of(m, null)).toList());
    }

    @DELETE
    @Path("{id}")
    public Uni<StaffView> deactivate(@PathParam("id") UUID id) {
        return staff.deactivate(id).map(m -> StaffView.of(m, null));
    }
}
