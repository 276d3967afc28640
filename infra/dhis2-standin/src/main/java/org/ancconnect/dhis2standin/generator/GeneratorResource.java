package org.ancconnect.dhis2standin.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import org.ancconnect.dhis2standin.web.Dhis2Exception;

/**
 * Stand-in only (no DHIS2 counterpart): {@code POST /api/standin/generate?trackedEntities=10000&visits=8&seed=1}
 * creates synthetic mothers with an ANC enrollment, a registration event and ANC visits, straight into
 * the database in batches. Answers what it created and the rate reached.
 */
@Path("/api/standin/generate")
public class GeneratorResource {

    private final GeneratorService generator;
    private final ObjectMapper json;

    public GeneratorResource(GeneratorService generator, ObjectMapper json) {
        this.generator = generator;
        this.json = json;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode generate(@QueryParam("trackedEntities") @DefaultValue("100") int count,
            @QueryParam("visits") @DefaultValue("5") int visits, @QueryParam("seed") @DefaultValue("1") long seed)
            throws SQLException {
        if (count < 1 || count > 1_000_000 || visits < 0 || visits > 30) {
            throw Dhis2Exception.badRequest("trackedEntities must be 1..1000000 and visits 0..30");
        }
        long started = System.nanoTime();
        GeneratorService.Result r = generator.generate(count, visits, seed);
        double seconds = (System.nanoTime() - started) / 1e9;
        ObjectNode out = json.createObjectNode();
        out.put("trackedEntities", r.trackedEntities()).put("enrollments", r.enrollments()).put("events", r.events())
                .put("seconds", Math.round(seconds * 1000) / 1000.0)
                .put("trackedEntitiesPerSecond", Math.round(r.trackedEntities() / seconds));
        return out;
    }
}
