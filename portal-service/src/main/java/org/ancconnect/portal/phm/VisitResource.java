package org.ancconnect.portal.phm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ancconnect.portal.clients.BackendException;
import org.ancconnect.portal.clients.SyncClient;
import org.ancconnect.portal.clients.SyncModels;
import org.ancconnect.portal.i18n.Languages;
import org.ancconnect.portal.session.FormFields;
import org.ancconnect.portal.session.PortalUser;
import org.ancconnect.portal.session.RequireRole;
import org.ancconnect.portal.session.RestoredForm;
import org.ancconnect.portal.web.FieldErrors;

/**
 * Records an ANC visit for a mother of the midwife's facility: the stage's data elements as a form, written to DHIS2
 * through sync-service ({@code POST /api/visits}) as a completed event; the NEHR gets it through the normal sync.
 */
@Path("/phm/mothers/{phn}/visit")
@RequireRole("PHM")
public class VisitResource {

    /** Clinic dates are Sri Lankan dates. */
    private static final ZoneId CLINIC = ZoneId.of("Asia/Colombo");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance visit(MotherAccess.Mother mother, String occurredAt, List<VisitForm.Field> fields,
                FieldErrors errors);
    }

    private final PortalUser user;
    private final MotherAccess access;
    private final VisitForm form;
    private final SyncClient sync;
    private final RestoredForm restored;

    public VisitResource(PortalUser user, MotherAccess access, VisitForm form, SyncClient sync, RestoredForm restored) {
        this.user = user;
        this.access = access;
        this.form = form;
        this.sync = sync;
        this.restored = restored;
    }

    @GET
    public TemplateInstance show(@PathParam("phn") String phn, @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request) {
        MotherAccess.Mother mother = access.load(user, phn);
        Map<String, List<String>> kept = restored.take().orElse(Map.of());
        String date = first(kept, "occurredAt");
        return Templates.visit(mother, date == null ? LocalDate.now(CLINIC).toString() : date,
                form.fields(values(kept), new FieldErrors(), Languages.of(request)), new FieldErrors());
    }

    @POST
    public Response record(@PathParam("phn") String phn, @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request) {
        MotherAccess.Mother mother = access.load(user, phn);
        Map<String, List<String>> posted = FormFields.current();
        Map<String, String> values = values(posted);
        String date = first(posted, "occurredAt");
        FieldErrors errors = new FieldErrors();
        LocalDate day = null;
        try {
            day = date == null ? null : LocalDate.parse(date.trim());
        } catch (DateTimeParseException bad) {
            errors.add("occurredAt", "date");
        }
        if (date == null || date.isBlank()) {
            errors.add("occurredAt", "required");
        } else if (day != null && day.isAfter(LocalDate.now(CLINIC))) {
            errors.add("occurredAt", "future");
        }
        List<SyncModels.DataValue> dataValues = form.dataValues(values, errors);
        if (dataValues.isEmpty() && errors.isEmpty()) {
            errors.add("form", "visit_empty");
        }
        if (mother.sync() == null || mother.sync().enrollment() == null) {
            errors.add("form", "visit_not_enrolled");
        }
        Locale locale = Languages.of(request);
        if (!errors.isEmpty()) {
            return Response.status(400).entity(Templates.visit(mother, date, form.fields(values, errors, locale), errors)).build();
        }
        LocalTime time = day.equals(LocalDate.now(CLINIC)) ? LocalTime.now(CLINIC).withNano(0) : LocalTime.NOON;
        try {
            sync.recordVisit(user, new SyncModels.Visit(mother.sync().trackedEntity(), mother.sync().enrollment(),
                    form.programStage(), day.atTime(time).atZone(CLINIC).toOffsetDateTime(), dataValues));
        } catch (BackendException e) {
            if (e.status() == 400 || e.status() == 422) {
                FieldErrors refused = e.status() == 400 ? FieldErrors.of(e) : new FieldErrors().add("form", "visit_rejected");
                return Response.status(400).entity(Templates.visit(mother, date, form.fields(values, refused, locale), refused)).build();
            }
            throw e;
        }
        return Response.seeOther(URI.create("/phm/mothers/" + URLEncoder.encode(mother.person().phn(), StandardCharsets.UTF_8)
                + "?visit=recorded")).build();
    }

    /** The data element values of a posted form ({@code de_<uid>} fields). */
    private static Map<String, String> values(Map<String, List<String>> posted) {
        Map<String, String> out = new HashMap<>();
        posted.forEach((name, list) -> {
            if (name.startsWith("de_") && !list.isEmpty()) {
                out.put(name.substring(3), list.get(0));
            }
        });
        return out;
    }

    private static String first(Map<String, List<String>> fields, String name) {
        List<String> v = fields.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
