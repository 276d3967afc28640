package org.ancconnect.portal.admin;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.ancconnect.portal.clients.BackendException;
import org.ancconnect.portal.clients.IdentityModels;
import org.ancconnect.portal.clients.StaffClient;
import org.ancconnect.portal.session.PortalUser;
import org.ancconnect.portal.session.RequireRole;
import org.ancconnect.portal.web.FieldErrors;

/** The staff directory at identity-service: list, create (the enrolment code is shown once), update, deactivate. */
@Path("/admin")
@RequireRole("ADMIN")
public class StaffResource {

    private static final Set<String> ROLES = Set.of("PHM", "DOCTOR", "ADMIN");
    private static final Pattern UID = Pattern.compile("^[A-Za-z][A-Za-z0-9]{10}$");
    private static final Pattern NATIONAL_ID = Pattern.compile("^[0-9Vv ]{0,20}$");

    /** The staff form (create and update). */
    public static class StaffForm {
        @FormParam("displayName") public String displayName;
        @FormParam("role") public String role;
        @FormParam("facility") public String facility;
        @FormParam("nationalId") public String nationalId;
        @FormParam("active") public String active;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance staff(List<IdentityModels.StaffView> staff, StaffForm form, FieldErrors errors);

        static native TemplateInstance created(IdentityModels.StaffView created);

        static native TemplateInstance edit(IdentityModels.StaffView member, StaffForm form, FieldErrors errors, boolean saved);
    }

    private final PortalUser user;
    private final StaffClient staff;

    public StaffResource(PortalUser user, StaffClient staff) {
        this.user = user;
        this.staff = staff;
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/admin/staff")).build();
    }

    @GET
    @Path("/staff")
    public TemplateInstance list() {
        return Templates.staff(staff.list(user), new StaffForm(), new FieldErrors());
    }

    @POST
    @Path("/staff")
    public Response create(@BeanParam StaffForm form) {
        FieldErrors errors = check(form, true);
        if (errors.isEmpty()) {
            try {
                IdentityModels.StaffView created = staff.create(user, new IdentityModels.NewStaff(form.displayName.trim(),
                        form.role, form.facility.trim(), blank(form.nationalId) ? null : form.nationalId.trim()));
                return Response.ok(Templates.created(created)).build();
            } catch (BackendException e) {
                if (e.status() != 400) {
                    throw e;
                }
                errors = FieldErrors.of(e);
            }
        }
        return Response.status(400).entity(Templates.staff(staff.list(user), form, errors)).build();
    }

    @GET
    @Path("/staff/{id}")
    public TemplateInstance edit(@PathParam("id") UUID id) {
        IdentityModels.StaffView member = find(id);
        StaffForm form = new StaffForm();
        form.displayName = member.displayName();
        form.role = member.role();
        form.facility = member.facility();
        form.active = member.active() ? "true" : "false";
        return Templates.edit(member, form, new FieldErrors(), false);
    }

    @POST
    @Path("/staff/{id}")
    public Response update(@PathParam("id") UUID id, @BeanParam StaffForm form) {
        IdentityModels.StaffView member = find(id);
        FieldErrors errors = check(form, false);
        if (errors.isEmpty()) {
            try {
                IdentityModels.StaffView saved = staff.update(user, id, new IdentityModels.StaffUpdate(form.displayName.trim(),
                        form.role, form.facility.trim(), member.active() || "true".equals(form.active)));
                return Response.ok(Templates.edit(saved, form, new FieldErrors(), true)).build();
            } catch (BackendException e) {
                if (e.status() != 400) {
                    throw e;
                }
                errors = FieldErrors.of(e);
            }
        }
        return Response.status(400).entity(Templates.edit(member, form, errors, false)).build();
    }

    @POST
    @Path("/staff/{id}/deactivate")
    public Response deactivate(@PathParam("id") UUID id) {
        staff.deactivate(user, id);
        return Response.seeOther(URI.create("/admin/staff")).build();
    }

    private IdentityModels.StaffView find(UUID id) {
        return staff.list(user).stream().filter(s -> id.equals(s.id())).findFirst().orElseThrow(NotFoundException::new);
    }

    /** The limits of identity-service's NewStaff, checked here so the admin reads them in her language. */
    private static FieldErrors check(StaffForm f, boolean creating) {
        FieldErrors e = new FieldErrors();
        if (blank(f.displayName)) {
            e.add("displayName", "required");
        } else if (f.displayName.trim().length() > 200) {
            e.add("displayName", "too_long");
        }
        if (blank(f.role)) {
            e.add("role", "required");
        } else if (!ROLES.contains(f.role)) {
            e.add("role", "choice");
        }
        if (blank(f.facility)) {
            e.add("facility", "required");
        } else if (!UID.matcher(f.facility.trim()).matches()) {
            e.add("facility", "uid");
        }
        if (creating && !blank(f.nationalId) && !NATIONAL_ID.matcher(f.nationalId.trim()).matches()) {
            e.add("nationalId", "national_id");
        }
        return e;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
