package org.ancconnect.identity.staff;

import io.quarkus.security.identity.SecurityIdentity;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.ancconnect.identity.audit.AuditLog;

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

    /** The editable fields of a staff member, all required (PUT replaces them); {@code active=true} reactivates. */
    public record StaffUpdate(@NotBlank @Size(max = 200) String displayName, @NotNull StaffMember.Role role,
            @NotBlank @Pattern(regexp = "[A-Za-z][A-Za-z0-9]{10}", message = "must be a DHIS2 uid") String facility,
            @NotNull Boolean active) {
    }

    /** A staff member as the directory shows it (never the national ID or its hash). */
    public record StaffView(UUID id, String displayName, StaffMember.Role role, String facility, boolean bound, boolean active,
            OffsetDateTime createdAt, String enrolmentCode) {

        static StaffView of(StaffMember m, String code) {
            return new StaffView(m.id, m.displayName, m.role, m.facility, m.esignetSub != null, m.active, m.createdAt, code);
        }
    }

    private final StaffService staff;
    private final SecurityIdentity admin;
    private final AuditLog audit;

    public StaffAdminResource(StaffService staff, SecurityIdentity admin, AuditLog audit) {
        this.staff = staff;
        this.admin = admin;
        this.audit = audit;
    }

    @POST
    public Uni<Response> create(@Valid @NotNull NewStaff request) {
        return staff.create(request.displayName(), request.role(), request.facility(), request.nationalId())
                .call(created -> audited("staff.create", created.member()))
                .map(created -> Response.status(Response.Status.CREATED).entity(StaffView.of(created.member(), created.enrolmentCode())).build());
    }

    @PUT
    @Path("{id}")
    public Uni<StaffView> update(@PathParam("id") UUID id, @Valid @NotNull StaffUpdate request) {
        return staff.update(id, request.displayName(), request.role(), request.facility(), request.active())
                .call(member -> audited("staff.update", member)).map(m -> StaffView.of(m, null));
    }

    @GET
    public Uni<List<StaffView>> list() {
        return staff.list().map(members -> members.stream().map(m -> StaffView.of(m, null)).toList());
    }

    @DELETE
    @Path("{id}")
    public Uni<StaffView> deactivate(@PathParam("id") UUID id) {
        return staff.deactivate(id).call(member -> audited("staff.update", member)).map(m -> StaffView.of(m, null));
    }

    /** Who changed whom to what: the admin's and the member's ids, role, facility, active (no names). */
    private Uni<Void> audited(String type, StaffMember member) {
        return audit.record(type, "ok", admin.getPrincipal().getName(),
                "staff=" + member.id + " role=" + member.role + " facility=" + member.facility + " active=" + member.active);
    }
}
