package org.ancconnect.phn.events;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ancconnect.phn.registry.PersonRow;
import org.ancconnect.phn.registry.RegistryRepository;

/**
 * Writes patient events into the outbox, inside the caller's transaction: an event exists exactly when
 * the change it describes committed. The payload is the suite's patient event contract; the NIC is never
 * in it, only whether one is on file. The current W3C trace context (the registration's HTTP request span)
 * is stored with the row for the relay to carry on (nothing is stored while the OpenTelemetry SDK is off).
 */
@ApplicationScoped
public class PatientEvents {

    private final OpenTelemetry openTelemetry;

    public PatientEvents(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
    }

    public static final String REGISTERED = "patient.registered";
    public static final String UPDATED = "patient.updated";
    public static final String MERGED = "patient.merged";

    /** Appends an event about {@code person} (the survivor, for a merge). */
    public Uni<Void> append(SqlClient conn, String type, PersonRow person, List<String> retiredPhns, String survivorPhn,
            String sourceSystem, String sourceId) {
        UUID eventId = UUID.randomUUID();
        OffsetDateTime now = RegistryRepository.now();
        JsonObject address = person.addressLine() == null && person.city() == null && person.district() == null
                && person.postalCode() == null ? null
                : new JsonObject().put("line", person.addressLine()).put("city", person.city())
                        .put("district", person.district()).put("postalCode", person.postalCode());
        JsonObject payload = new JsonObject()
                .put("eventId", eventId.toString())
                .put("type", type)
                .put("occurredAt", now.toString())
                .put("personId", person.id().toString())
                .put("phn", person.phn())
                .put("retiredPhns", new JsonArray(retiredPhns))
                .put("esignetSub", person.esignetSub())
                .put("givenNames", new JsonArray(List.of(person.givenNames().split(" "))))
                .put("familyName", person.familyName())
                .put("birthDate", person.birthDate().toString())
                .put("birthDateEstimated", person.birthDateEstimated())
                .put("sex", person.sex())
                .put("phone", person.phone())
                .put("address", address)
                .put("nicPresent", person.nicHash() != null)
                .put("facility", person.facility())
                .put("sourceSystem", sourceSystem)
                .put("sourceId", sourceId);
        if (MERGED.equals(type)) {
            payload.put("survivorPhn", survivorPhn);
        }
        Map<String, String> trace = new HashMap<>();
        openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), trace, Map::put);
        return conn.preparedQuery("INSERT INTO outbox (id, event_type, person_id, payload, created_at, traceparent,"
                        + " tracestate) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(new Object[] {eventId, type, person.id(), payload, now, trace.get("traceparent"),
                        trace.get("tracestate")}))
                .replaceWithVoid();
    }
}
