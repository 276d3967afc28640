package org.ancconnect.sync.api;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.ancconnect.commons.problem.ProblemException;
import org.ancconnect.sync.detection.ChangeDetector;
import org.ancconnect.sync.log.SyncEntry;
import org.ancconnect.sync.log.SyncLogRepository;
import org.ancconnect.sync.messaging.Broker;

/** Operators' API: run detection now, re-sync one entity, read the sync log, replay the dead letters. */
@Path("/api/sync")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class SyncResource {

    private static final String UID = "^[a-zA-Z][a-zA-Z0-9]{10}$";

    private final ChangeDetector detector;
    private final SyncLogRepository log;
    private final Broker broker;

    public SyncResource(ChangeDetector detector, SyncLogRepository log, Broker broker) {
        this.detector = detector;
        this.log = log;
        this.broker = broker;
    }

    @POST
    @Path("/programs/{program}/run")
    public ChangeDetector.Run run(@PathParam("program") @Pattern(regexp = UID) String program) throws SQLException {
        return detector.run(program);
    }

    @POST
    @Path("/tracked-entities/{uid}/resync")
    public Map<String, String> resync(@PathParam("uid") @Pattern(regexp = UID) String uid,
            @QueryParam("program") @DefaultValue("eozjj9UivfS") @Pattern(regexp = UID) String program) throws SQLException {
        detector.resync(uid, program);
        return Map.of("trackedEntity", uid, "status", "QUEUED");
    }

    @GET
    @Path("/tracked-entities")
    public List<SyncEntry> list(@QueryParam("status") @Pattern(regexp = "QUEUED|SYNCED|RETRYING|FAILED") String status,
            @QueryParam("page") @DefaultValue("1") @Min(1) int page,
            @QueryParam("pageSize") @DefaultValue("50") @Min(1) @Max(500) int pageSize) throws SQLException {
        return log.list(status, pageSize, (page - 1) * pageSize);
    }

    @GET
    @Path("/tracked-entities/{uid}")
    public SyncEntry one(@PathParam("uid") @Pattern(regexp = UID) String uid) throws SQLException {
        return log.find(uid).orElseThrow(() -> ProblemException.notFound("Tracked entity " + uid + " has never been synced"));
    }

    /** Moves every dead-lettered message back to the work queue with a fresh attempt count. */
    @POST
    @Path("/dead-letters/replay")
    public Map<String, Integer> replayDeadLetters() throws IOException, TimeoutException {
        int moved = 0;
        try (Channel ch = broker.connection().createChannel()) {
            GetResponse message;
            while ((message = ch.basicGet(broker.deadLetterQueue(), false)) != null) {
                Map<String, Object> headers = new HashMap<>(message.getProps().getHeaders() == null ? Map.of()
                        : message.getProps().getHeaders());
                headers.remove("x-attempt");
                headers.put("x-replayed-failure", String.valueOf(headers.remove("x-failure-reason")));
                AMQP.BasicProperties props = message.getProps().builder().headers(headers).build();
                broker.republish(Broker.WORK, message.getBody(), props);
                ch.basicAck(message.getEnvelope().getDeliveryTag(), false);
                moved++;
            }
        }
        return Map.of("replayed", moved);
    }
}
