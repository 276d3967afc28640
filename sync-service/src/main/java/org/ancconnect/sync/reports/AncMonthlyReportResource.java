package org.ancconnect.sync.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.ancconnect.commons.problem.ProblemException;
import org.ancconnect.sync.SyncConfig;
import org.ancconnect.sync.delivery.TransientFailure;
import org.ancconnect.sync.dhis2.Dhis2Client;
import org.ancconnect.sync.dhis2.Dhis2Exception;
import org.ancconnect.sync.mapping.MappingFile;
import org.ancconnect.sync.mapping.ProgramMappings;

/**
 * {@code POST /api/reports/anc-monthly} (ADMIN): the month's ANC indicators of one facility, computed from
 * the NEHR ({@link AncIndicators}) and posted to DHIS2 as one data value set. DHIS2 itself decides what
 * changes: with {@code dryRun} (the default) it answers the import summary without storing anything, so the
 * preview shows exactly what a push would import, update or leave alone; a re-post of unchanged values is
 * "ignored", so pushing twice is harmless. Conflicts come back per value.
 */
@Path("/api/reports/anc-monthly")
@RolesAllowed("ADMIN")
public class AncMonthlyReportResource {

    private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("yyyyMM");

    private final AncIndicators indicators;
    private final Dhis2Client dhis2;
    private final ProgramMappings mappings;
    private final SyncConfig config;
    private final ObjectMapper json;

    public AncMonthlyReportResource(AncIndicators indicators, Dhis2Client dhis2, ProgramMappings mappings, SyncConfig config,
            ObjectMapper json) {
        this.indicators = indicators;
        this.dhis2 = dhis2;
        this.mappings = mappings;
        this.config = config;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode report(@Valid @NotNull ReportRequest request) {
        MappingFile.Facility facility = mappings.forProgram(config.registration().program()).facility(request.orgUnit());
        if (facility == null) {
            throw ProblemException.invalidField("orgUnit", "has no facility (HIN) in the program's mapping file");
        }
        boolean dryRun = !Boolean.FALSE.equals(request.dryRun());
        try {
            AncIndicators.Counts counts = indicators.count(facility.hin(), YearMonth.parse(request.period(), PERIOD),
                    dhis2.systemInfo().zone());
            ObjectNode set = json.createObjectNode().put("dataSet", config.reports().dataSet()).put("period", request.period())
                    .put("orgUnit", request.orgUnit()).put("attributeOptionCombo", config.reports().attributeOptionCombo());
            ArrayNode values = set.putArray("dataValues");
            for (Map.Entry<String, Long> v : indicators.byDataElement(counts).entrySet()) {
                values.addObject().put("dataElement", v.getKey())
                        .put("categoryOptionCombo", config.reports().categoryOptionCombo()).put("value", v.getValue().toString());
            }
            JsonNode summary = dhis2.importDataValues(set, dryRun);
            JsonNode s = summary.has("response") ? summary.get("response") : summary;
            ObjectNode out = json.createObjectNode().put("period", request.period()).put("orgUnit", request.orgUnit())
                    .put("dataSet", config.reports().dataSet()).put("dryRun", dryRun);
            out.set("indicators", json.valueToTree(counts));
            out.set("dataValues", values);
            out.put("status", s.path("status").asText());
            out.set("importCount", s.path("importCount"));
            ArrayNode conflicts = out.putArray("conflicts");
            s.path("conflicts").forEach(c -> conflicts.addObject()
                    .put("dataElement", c.path("objects").path("dataElement").asText(c.path("object").asText()))
                    .put("property", c.path("property").asText(null)).put("errorCode", c.path("errorCode").asText(null))
                    .put("message", c.path("value").asText()));
            return out;
        } catch (Dhis2Exception e) {
            throw new ProblemException(502, "dhis2-rejected", "DHIS2 refused the data value set", e.getMessage());
        } catch (TransientFailure e) {
            throw new ProblemException(503, "upstream-unavailable", "DHIS2 or the NEHR is unavailable", "Try again later");
        }
    }
}
