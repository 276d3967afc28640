package org.ancconnect.sync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.ancconnect.commons.problem.ProblemException;
import org.ancconnect.sync.delivery.TransientFailure;
import org.ancconnect.sync.dhis2.Dhis2Client;
import org.ancconnect.sync.dhis2.Dhis2Exception;

/** DHIS2 connection test (version, time zone, envelope dialect) and the programs the configured user can see. */
@Path("/api/dhis2")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class Dhis2ConnectionResource {

    private final Dhis2Client dhis2;
    private final ObjectMapper json;

    public Dhis2ConnectionResource(Dhis2Client dhis2, ObjectMapper json) {
        this.dhis2 = dhis2;
        this.json = json;
    }

    @GET
    @Path("/connection")
    public ObjectNode connection() {
        JsonNode info = guarded(dhis2::systemInfoNow);
        String version = info.path("version").asText();
        ObjectNode out = json.createObjectNode();
        out.put("reachable", true).put("version", version).put("serverTimeZoneId", info.path("serverTimeZoneId").asText())
                .put("systemId", info.path("systemId").asText())
                .put("envelope", new Dhis2Client.SystemInfo(version, java.time.ZoneOffset.UTC, "").legacy()
                        ? "instances (2.40)" : "trackedEntities + pager (2.41+)");
        return out;
    }

    @GET
    @Path("/programs")
    public JsonNode programs() {
        return guarded(dhis2::programs).path("programs");
    }

    private static JsonNode guarded(java.util.function.Supplier<JsonNode> call) {
        try {
            return call.get();
        } catch (TransientFailure e) {
            throw new ProblemException(502, "dhis2-unavailable", "DHIS2 unavailable", "DHIS2 unreachable or failing: " + e.getMessage());
        } catch (Dhis2Exception e) {
            throw new ProblemException(502, "dhis2-refused", "DHIS2 refused the request", "DHIS2 answered " + e.status());
        }
    }
}
