package org.ancconnect.dhis2standin.tracker.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.ancconnect.dhis2standin.auth.AuthFilter;
import org.ancconnect.dhis2standin.auth.User;
import org.ancconnect.dhis2standin.web.Dhis2Exception;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/tracker?async=false}: the synchronous tracker import with {@code atomicMode=ALL}
 * (DHIS2's default): any validation error rejects the whole payload with HTTP 409 and the import
 * report, nothing is written.
 */
@Path("/api/tracker")
public class TrackerImportResource {

    private static final Logger LOG = Logger.getLogger(TrackerImportResource.class);
    private static final List<String> TYPES = List.of("TRACKED_ENTITY", "ENROLLMENT", "EVENT", "RELATIONSHIP");

    private final AgroalDataSource ds;
    private final ImportValidator validator;
    private final ImportWriter writer;
    private final ObjectMapper json;

    public TrackerImportResource(AgroalDataSource ds, ImportValidator validator, ImportWriter writer, ObjectMapper json) {
        this.ds = ds;
        this.validator = validator;
        this.writer = writer;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response importTracker(JsonNode body, @QueryParam("async") @DefaultValue("true") boolean async,
            @QueryParam("importStrategy") @DefaultValue("CREATE_AND_UPDATE") String strategyName,
            @Context ContainerRequestContext request) throws SQLException {
        if (async) {
            throw Dhis2Exception.badRequest("This stand-in only runs synchronous imports: use async=false");
        }
        if (body == null || !body.isObject()) {
            throw Dhis2Exception.badRequest("Request body must be a tracker import payload");
        }
        ImportStrategy strategy;
        try {
            strategy = ImportStrategy.valueOf(strategyName);
        } catch (IllegalArgumentException e) {
            throw Dhis2Exception.badRequest("Value " + strategyName + " is not valid for parameter importStrategy");
        }
        User user = (User) request.getProperty(AuthFilter.USER);
        ImportBundle bundle = ImportBundle.of(body);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                ImportState state = ImportState.load(c, bundle);
                List<ImportValidator.ErrorReport> errors = validator.validate(bundle, state, strategy);
                if (!errors.isEmpty()) {
                    c.rollback();
                    return Response.status(409).type(MediaType.APPLICATION_JSON).entity(rejected(bundle, errors)).build();
                }
                Map<String, int[]> stats = writer.write(c, bundle, state, strategy, user.username());
                c.commit();
                return Response.ok(accepted(bundle, stats)).type(MediaType.APPLICATION_JSON).build();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private ObjectNode rejected(ImportBundle b, List<ImportValidator.ErrorReport> errors) {
        ObjectNode report = json.createObjectNode().put("status", "ERROR");
        ArrayNode errorReports = report.putObject("validationReport").putArray("errorReports");
        for (ImportValidator.ErrorReport e : errors) {
            errorReports.addObject().put("message", e.message()).put("errorCode", e.errorCode())
                    .put("trackerType", e.trackerType()).put("uid", e.uid());
        }
        ((ObjectNode) report.get("validationReport")).putArray("warningReports");
        stats(report.putObject("stats"), 0, 0, 0, b.total());
        LOG.debugf("Tracker import rejected: %d error(s)", errors.size());
        return report;
    }

    private ObjectNode accepted(ImportBundle b, Map<String, int[]> stats) {
        ObjectNode report = json.createObjectNode().put("status", "OK");
        ObjectNode validation = report.putObject("validationReport");
        validation.putArray("errorReports");
        validation.putArray("warningReports");
        int[] totals = new int[3];
        ObjectNode bundleReport = json.createObjectNode().put("status", "OK");
        ObjectNode types = bundleReport.putObject("typeReportMap");
        for (String type : TYPES) {
            int[] s = stats.getOrDefault(type, new int[3]);
            ObjectNode typeReport = types.putObject(type).put("trackerType", type);
            stats(typeReport.putObject("stats"), s[0], s[1], s[2], 0);
            ArrayNode objects = typeReport.putArray("objectReports");
            objectReports(b, type, objects);
            for (int i = 0; i < 3; i++) {
                totals[i] += s[i];
            }
        }
        stats(report.putObject("stats"), totals[0], totals[1], totals[2], 0);
        stats(bundleReport.putObject("stats"), totals[0], totals[1], totals[2], 0);
        report.set("bundleReport", bundleReport);
        return report;
    }

    private static void objectReports(ImportBundle b, String type, ArrayNode out) {
        switch (type) {
            case "TRACKED_ENTITY" -> b.entities().forEach(e -> object(out, type, e.uid(), e.index()));
            case "ENROLLMENT" -> b.enrollments().forEach(e -> object(out, type, e.uid(), e.index()));
            case "EVENT" -> b.events().forEach(e -> object(out, type, e.uid(), e.index()));
            default -> { }
        }
    }

    private static void object(ArrayNode out, String type, String uid, int index) {
        out.addObject().put("trackerType", type).put("uid", uid).put("index", index).putArray("errorReports");
    }

    private static void stats(ObjectNode node, int created, int updated, int deleted, int ignored) {
        node.put("created", created).put("updated", updated).put("deleted", deleted).put("ignored", ignored)
                .put("total", created + updated + deleted + ignored);
    }
}
