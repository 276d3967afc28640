package org.ancconnect.portal.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ancconnect.portal.clients.BackendException;
import org.ancconnect.portal.clients.SyncClient;
import org.ancconnect.portal.session.PortalUser;
import org.ancconnect.portal.session.RequireRole;

/** Sync status (sync-service's log, by status), dead-letter replay and the DHIS2 connection test. */
@Path("/admin/sync")
@RequireRole("ADMIN")
public class SyncAdminResource {

    private static final Set<String> STATUSES = Set.of("QUEUED", "SYNCED", "RETRYING", "FAILED");
    private static final int PAGE_SIZE = 50;

    /** One tracked entity of the sync log. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String trackedEntity, String program, String status, int attempts, String lastError,
            OffsetDateTime syncedAt, OffsetDateTime updatedAt) {
    }

    /** The DHIS2 connection test's answer, or why it failed. */
    public record Connection(boolean reachable, String version, String timeZone, String envelope) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance sync(String status, List<Entry> entries, int page, boolean more, Connection connection,
                Integer replayed);
    }

    private final PortalUser user;
    private final SyncClient sync;
    private final ObjectMapper json;

    public SyncAdminResource(PortalUser user, SyncClient sync, ObjectMapper json) {
        this.user = user;
        this.sync = sync;
        this.json = json;
    }

    @GET
    public TemplateInstance show(@QueryParam("status") String status, @QueryParam("page") @DefaultValue("1") int page,
            @QueryParam("test") String test, @QueryParam("replayed") Integer replayed) {
        String shown = status != null && STATUSES.contains(status) ? status : null;
        int p = Math.max(1, Math.min(page, 10_000));
        List<Entry> entries = new ArrayList<>();
        sync.syncLog(user, shown, p, PAGE_SIZE).forEach(n -> entries.add(json.convertValue(n, Entry.class)));
        Connection connection = test == null ? null : connection();
        return Templates.sync(shown, entries, p, entries.size() == PAGE_SIZE, connection, replayed);
    }

    /** Moves every dead letter back to the work queue. */
    @POST
    @Path("/replay")
    public Response replay() {
        JsonNode answer = sync.replayDeadLetters(user);
        int moved = answer.path("replayed").asInt(answer.path("moved").asInt(0));
        return Response.seeOther(URI.create("/admin/sync?replayed=" + moved)).build();
    }

    private Connection connection() {
        try {
            JsonNode c = sync.connection(user);
            return new Connection(true, c.path("version").asText(), c.path("serverTimeZoneId").asText(), c.path("envelope").asText());
        } catch (BackendException e) {
            if (e.status() == 502 || e.status() == 503) {
                return new Connection(false, null, null, null);
            }
            throw e;
        }
    }
}
