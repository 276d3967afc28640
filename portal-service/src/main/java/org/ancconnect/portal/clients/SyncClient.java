package org.ancconnect.portal.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.ancconnect.portal.session.PortalUser;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** sync-service on behalf of the signed-in user. Blocking: call it from a page method (worker thread). */
@ApplicationScoped
public class SyncClient {

    private final SyncRestClient rest;
    private final ObjectMapper json;

    public SyncClient(@RestClient SyncRestClient rest, ObjectMapper json) {
        this.rest = rest;
        this.json = json;
    }

    /** Records the visit as a DHIS2 event; answers the event uid. */
    public String recordVisit(PortalUser phm, SyncModels.Visit visit) {
        return rest.recordVisit(phm.bearer(), visit).path("event").asText();
    }

    /** One page of the mothers registered at {@code facility}, newest first. */
    public List<SyncModels.Patient> patients(PortalUser user, String facility, int page, int pageSize) {
        JsonNode answer = rest.patients(user.bearer(), facility, page, pageSize);
        JsonNode items = answer.isArray() ? answer : answer.path("items");
        List<SyncModels.Patient> out = new ArrayList<>();
        items.forEach(item -> out.add(json.convertValue(item, SyncModels.Patient.class)));
        return out;
    }

    public SyncModels.Patient patient(PortalUser user, String phn) {
        return rest.patient(user.bearer(), phn);
    }

    /** The sync log (ADMIN), optionally of one status. */
    public JsonNode syncLog(PortalUser admin, String status, int page, int pageSize) {
        return rest.syncLog(admin.bearer(), status, page, pageSize);
    }

    /** Moves every dead letter back to the work queue; answers how many. */
    public JsonNode replayDeadLetters(PortalUser admin) {
        return rest.replayDeadLetters(admin.bearer());
    }

    /** DHIS2 version, time zone, system id and envelope dialect, or a 502 BackendException when unreachable. */
    public JsonNode connection(PortalUser admin) {
        return rest.connection(admin.bearer());
    }
}
