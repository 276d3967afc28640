package org.ancconnect.portal.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ancconnect.portal.clients.BackendException;
import org.ancconnect.portal.clients.PhnClient;
import org.ancconnect.portal.clients.PhnModels;
import org.ancconnect.portal.session.PortalUser;
import org.ancconnect.portal.session.RequireRole;
import org.ancconnect.portal.web.FieldErrors;

/** A PHN's golden record and identity history, with merge (retire a duplicate into it) and unmerge. */
@Path("/admin/persons")
@RequireRole("ADMIN")
public class PersonAdminResource {

    /** One identity event of the history, in the order phn-service returns them. */
    public record Event(String kind, String at, String actor, String phn, String relatedPhn) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance persons(String phn, PhnModels.Person person, List<Event> history, FieldErrors errors,
                String done);
    }

    private final PortalUser user;
    private final PhnClient phn;

    public PersonAdminResource(PortalUser user, PhnClient phn) {
        this.user = user;
        this.phn = phn;
    }

    @GET
    public TemplateInstance show(@QueryParam("phn") String requested, @QueryParam("done") String done) {
        String shownDone = "merged".equals(done) || "unmerged".equals(done) ? done : null;
        return page(requested, new FieldErrors(), shownDone);
    }

    @POST
    @Path("/merge")
    public Response merge(@FormParam("phn") String survivor, @FormParam("duplicatePhn") String duplicate,
            @FormParam("reason") String reason) {
        FieldErrors errors = new FieldErrors();
        required(errors, "duplicatePhn", duplicate, 32);
        required(errors, "reason", reason, 500);
        if (errors.isEmpty()) {
            try {
                phn.merge(user, survivor, duplicate.trim(), reason.trim());
                return back(survivor, "merged");
            } catch (BackendException e) {
                errors = problem(e, "duplicatePhn");
            }
        }
        return Response.status(400).entity(page(survivor, errors, null)).build();
    }

    @POST
    @Path("/unmerge")
    public Response unmerge(@FormParam("phn") String survivor, @FormParam("duplicatePhn") String duplicate) {
        FieldErrors errors = new FieldErrors();
        required(errors, "duplicatePhn", duplicate, 32);
        if (errors.isEmpty()) {
            try {
                phn.unmerge(user, survivor, duplicate.trim());
                return back(survivor, "unmerged");
            } catch (BackendException e) {
                errors = problem(e, "duplicatePhn");
            }
        }
        return Response.status(400).entity(page(survivor, errors, null)).build();
    }

    private TemplateInstance page(String requested, FieldErrors errors, String done) {
        if (requested == null || requested.isBlank()) {
            return Templates.persons("", null, List.of(), errors, done);
        }
        try {
            PhnModels.Person person = phn.person(user, requested.trim());
            List<Event> history = phn.history(user, person.phn()).stream().map(PersonAdminResource::event).toList();
            return Templates.persons(requested.trim(), person, history, errors, done);
        } catch (BackendException e) {
            if (e.status() == 400 || e.status() == 404) {
                return Templates.persons(requested.trim(), null, List.of(), new FieldErrors().add("phn", "phn_unknown"), done);
            }
            throw e;
        }
    }

    private static Event event(JsonNode e) {
        return new Event(e.path("kind").asText(""), e.path("occurred_at").asText(""), e.path("actor").asText(""),
                e.path("phn").asText(""), e.path("related_phn").asText(""));
    }

    /** A refusal of phn-service (not merged, already merged, do-not-link, unknown PHN) shown on the field. */
    private static FieldErrors problem(BackendException e, String field) {
        if (e.status() >= 500) {
            throw e;
        }
        FieldErrors errors = e.status() == 400 && !e.violations().isEmpty() ? FieldErrors.of(e) : new FieldErrors();
        if (errors.isEmpty()) {
            errors.add(field, e.status() == 404 ? "phn_unknown" : "refused_" + (e.type().isEmpty() ? "conflict" : e.type()));
        }
        return errors;
    }

    private static void required(FieldErrors errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(field, "required");
        } else if (value.trim().length() > max) {
            errors.add(field, "too_long");
        }
    }

    private static Response back(String survivor, String done) {
        return Response.seeOther(URI.create("/admin/persons?phn=" + URLEncoder.encode(survivor, StandardCharsets.UTF_8)
                + "&done=" + done)).build();
    }
}
