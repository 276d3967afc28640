package org.ancconnect.dhis2standin.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.ancconnect.dhis2standin.auth.AuthFilter;
import org.ancconnect.dhis2standin.auth.User;
import org.ancconnect.dhis2standin.metadata.ProgramMetadata;
import org.ancconnect.dhis2standin.web.WebMessages;

/**
 * {@code POST /api/dataValueSets}: aggregate data values with DHIS2's import summary (counts and
 * per-value conflicts), {@code dryRun}, and idempotent re-posts (an unchanged value is "ignored").
 * Data elements are those of aggregate-datasets.json; conflicting values are skipped, the rest imported.
 */
@Path("/api/dataValueSets")
public class DataValueSetResource {

    private static final String DEFAULT_COMBO = "HllvX50cXC0";

    private final AgroalDataSource ds;
    private final ProgramMetadata metadata;
    private final ObjectMapper json;
    private final Map<String, String> valueTypes = new HashMap<>();

    public DataValueSetResource(AgroalDataSource ds, ProgramMetadata metadata, ObjectMapper json) {
        this.ds = ds;
        this.metadata = metadata;
        this.json = json;
        try (InputStream in = DataValueSetResource.class.getResourceAsStream("/aggregate-datasets.json")) {
            for (JsonNode set : json.readTree(in)) {
                set.path("dataSetElements").forEach(dse -> valueTypes.put(dse.path("dataElement").path("id").asText(),
                        dse.path("dataElement").path("valueType").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response importValues(JsonNode body, @QueryParam("dryRun") boolean dryRun,
            @Context ContainerRequestContext request) throws SQLException {
        User user = (User) request.getProperty(AuthFilter.USER);
        ArrayNode conflicts = json.createArrayNode();
        int imported = 0;
        int updated = 0;
        int ignored = 0;
        Instant now = Instant.now();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            int index = 0;
            for (JsonNode dv : body.path("dataValues")) {
                String de = dv.path("dataElement").asText();
                String period = dv.path("period").asText(body.path("period").asText());
                String orgUnit = dv.path("orgUnit").asText(body.path("orgUnit").asText());
                String coc = dv.path("categoryOptionCombo").asText(DEFAULT_COMBO);
                String aoc = dv.path("attributeOptionCombo").asText(body.path("attributeOptionCombo").asText(DEFAULT_COMBO));
                String value = dv.path("value").asText();
                String conflict = conflict(de, period, orgUnit, value);
                if (conflict != null) {
                    ObjectNode cf = conflicts.addObject().put("object", conflict.startsWith("Period") ? period
                            : conflict.startsWith("Org") ? orgUnit : de);
                    cf.putObject("objects").put("dataElement", de);
                    cf.put("value", conflict).put("errorCode", code(conflict)).put("property", property(conflict));
                    cf.putArray("indexes").add(index++);
                    ignored++;
                    continue;
                }
                index++;
                String existing = existing(c, de, period, orgUnit, coc, aoc);
                if (value.equals(existing)) {
                    ignored++;
                    continue;
                }
                if (existing == null) {
                    imported++;
                } else {
                    updated++;
                }
                if (!dryRun) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO data_value (data_element, period, org_unit,"
                            + " category_option_combo, attribute_option_combo, value, stored_by, created_at, updated_at)"
                            + " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (data_element, period, org_unit, category_option_combo,"
                            + " attribute_option_combo) DO UPDATE SET value = excluded.value, stored_by = excluded.stored_by,"
                            + " updated_at = excluded.updated_at")) {
                        ps.setString(1, de);
                        ps.setString(2, period);
                        ps.setString(3, orgUnit);
                        ps.setString(4, coc);
                        ps.setString(5, aoc);
                        ps.setString(6, value);
                        ps.setString(7, user.username());
                        ps.setTimestamp(8, Timestamp.from(now));
                        ps.setTimestamp(9, Timestamp.from(now));
                        ps.executeUpdate();
                    }
                }
            }
            c.commit();
        }
        boolean clean = conflicts.isEmpty();
        ObjectNode message = WebMessages.message(clean ? 200 : 409, clean ? "OK" : "WARNING",
                clean ? "Import was successful." : "One more conflicts encountered, please check import summary.");
        ObjectNode summary = message.putObject("response");
        summary.put("responseType", "ImportSummary").put("status", clean ? "SUCCESS" : "WARNING");
        summary.putObject("importOptions").put("dryRun", dryRun).put("importStrategy", "CREATE_AND_UPDATE");
        summary.put("description", "Import process completed successfully");
        summary.putObject("importCount").put("imported", imported).put("updated", updated).put("ignored", ignored)
                .put("deleted", 0);
        summary.set("conflicts", conflicts);
        summary.put("dataSetComplete", "false");
        return Response.status(clean ? 200 : 409).type(MediaType.APPLICATION_JSON).entity(message).build();
    }

    private String conflict(String dataElement, String period, String orgUnit, String value) {
        String type = valueTypes.get(dataElement);
        if (type == null) {
            return "Data element not found or not accessible: `" + dataElement + "`";
        }
        if (!period.matches("^\\d{4}(0[1-9]|1[0-2])$")) {
            return "Period not valid: `" + period + "`";
        }
        if (!metadata.orgUnits().contains(orgUnit)) {
            return "Org unit not found or not accessible: `" + orgUnit + "`";
        }
        if (!value.matches("^(0|[1-9]\\d{0,9})$")) {
            return "Value must match data element's `" + dataElement + "` type constraints: Value is not zero or positive integer";
        }
        return null;
    }

    private static String code(String conflict) {
        return conflict.startsWith("Data element") ? "E7610" : conflict.startsWith("Period") ? "E7611"
                : conflict.startsWith("Org") ? "E7612" : "E7619";
    }

    private static String property(String conflict) {
        return conflict.startsWith("Data element") ? "dataElement" : conflict.startsWith("Period") ? "period"
                : conflict.startsWith("Org") ? "orgUnit" : "value";
    }

    private static String existing(Connection c, String de, String period, String orgUnit, String coc, String aoc)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM data_value WHERE data_element = ? AND period = ?"
                + " AND org_unit = ? AND category_option_combo = ? AND attribute_option_combo = ?")) {
            ps.setString(1, de);
            ps.setString(2, period);
            ps.setString(3, orgUnit);
            ps.setString(4, coc);
            ps.setString(5, aoc);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
