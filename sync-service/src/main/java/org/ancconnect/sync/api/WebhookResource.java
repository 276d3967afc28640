package org.ancconnect.sync.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.Map;
import org.ancconnect.commons.problem.ProblemException;
import org.ancconnect.sync.SyncConfig;
import org.ancconnect.sync.detection.ChangeDetector;

/**
 * The DHIS2 webhook trigger (DHIS2 event hooks / program rules call it): with a {@code trackedEntity}
 * in the body it re-syncs that entity, otherwise it runs change detection for every program.
 * Authenticated by a shared secret in {@code X-Sync-Token} (DHIS2 webhooks send static headers).
 */
@Path("/api/sync/webhook")
@PermitAll
public class WebhookResource {

    private final ChangeDetector detector;
    private final SyncConfig config;

    public WebhookResource(ChangeDetector detector, SyncConfig config) {
        this.detector = detector;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> trigger(@HeaderParam("X-Sync-Token") String token, JsonNode body) throws SQLException {
        byte[] expected = config.detection().webhookToken().getBytes(StandardCharsets.UTF_8);
        if (token == null || !MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(401, "unauthorized", "Unauthorized", "Missing or wrong X-Sync-Token");
        }
        String uid = body == null ? "" : body.path("trackedEntity").asText("");
        if (!uid.isEmpty()) {
            if (!uid.matches("^[a-zA-Z][a-zA-Z0-9]{10}$")) {
                throw ProblemException.invalidField("trackedEntity", "not a DHIS2 uid");
            }
            detector.resync(uid, body.path("program").asText(config.detection().programs().get(0)));
            return Map.of("queued", uid);
        }
        int published = 0;
        for (String program : config.detection().programs()) {
            published += detector.run(program).published();
        }
        return Map.of("published", published);
    }
}
