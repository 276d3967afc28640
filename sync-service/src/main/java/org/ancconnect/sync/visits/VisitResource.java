package org.ancconnect.sync.visits;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.ancconnect.commons.problem.ProblemException;
import org.ancconnect.sync.delivery.TransientFailure;
import org.ancconnect.sync.dhis2.Dhis2Client;
import org.ancconnect.sync.dhis2.Dhis2Exception;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code POST /api/visits}: the PHM portal records an ANC visit; it becomes a COMPLETED event in DHIS2 at
 * the PHM's facility (the token's {@code facility} claim), written in DHIS2's zone-less server time. The
 * NEHR receives it through the normal change detection, like a visit entered in the Capture app.
 */
@Path("/api/visits")
@RolesAllowed("PHM")
public class VisitResource {

    /** The ANC Visits stage of the ANC program (anc-program.json), used when the request names none. */
    private static final String ANC_VISIT_STAGE = "GX0z9IXFaso";
    private static final DateTimeFormatter DHIS2 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
    private static final String ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Dhis2Client dhis2;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public VisitResource(Dhis2Client dhis2, SecurityIdentity identity, ObjectMapper json) {
        this.dhis2 = dhis2;
        this.identity = identity;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response record(@Valid @NotNull VisitRequest visit) {
        String facility = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim("facility") : null;
        if (facility == null) {
            throw new ProblemException(403, "no-facility", "Forbidden", "The access token carries no facility");
        }
        String event = uid();
        ObjectNode ev = json.createObjectNode();
        ev.put("event", event).put("trackedEntity", visit.trackedEntity()).put("enrollment", visit.enrollment())
                .put("programStage", visit.programStage() == null ? ANC_VISIT_STAGE : visit.programStage())
                .put("orgUnit", facility).put("status", "COMPLETED")
                .put("occurredAt", DHIS2.format(visit.occurredAt().atZoneSameInstant(dhis2.systemInfo().zone())));
        ArrayNode values = ev.putArray("dataValues");
        visit.dataValues().forEach(dv -> values.addObject().put("dataElement", dv.dataElement()).put("value", dv.value()));
        ObjectNode payload = json.createObjectNode();
        payload.putArray("events").add(ev);
        try {
            dhis2.importTracker(payload);
        } catch (Dhis2Exception e) {
            throw new ProblemException(422, "dhis2-rejected", "DHIS2 rejected the visit", e.getMessage());
        } catch (TransientFailure e) {
            throw new ProblemException(503, "dhis2-unavailable", "DHIS2 unavailable", "DHIS2 did not answer; try again");
        }
        return Response.status(201).entity(Map.of("event", event, "status", "COMPLETED")).build();
    }

    /** A DHIS2 uid (a letter, then 10 letters or digits), generated here so the answer can name the new event. */
    private static String uid() {
        String alnum = ALPHA + "0123456789";
        StringBuilder sb = new StringBuilder(11).append(ALPHA.charAt(RANDOM.nextInt(ALPHA.length())));
        for (int i = 0; i < 10; i++) {
            sb.append(alnum.charAt(RANDOM.nextInt(alnum.length())));
        }
        return sb.toString();
    }
}
