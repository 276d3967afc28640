package org.ancconnect.phn.registration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.ancconnect.phn.events.PatientEvents;
import org.ancconnect.phn.issuance.PhnFormat;
import org.ancconnect.phn.issuance.PhnIssuer;
import org.ancconnect.phn.matching.MatchingService;
import org.ancconnect.phn.registry.PersonRow;
import org.ancconnect.phn.registry.RegistryRepository;

/**
 * Writes a resolved registration inside the caller's transaction: the source record and its link, the
 * person's new names and identifiers and blocking keys, a new person with a freshly issued PHN when
 * needed, the review item, the identity events and the outbox event.
 */
@ApplicationScoped
public class RegistrationWriter {

    private final RegistryRepository registry;
    private final PhnIssuer issuer;
    private final PhnFormat format;
    private final PatientEvents events;
    private final ObjectMapper mapper;

    public RegistrationWriter(RegistryRepository registry, PhnIssuer issuer, PhnFormat format, PatientEvents events,
            ObjectMapper mapper) {
        this.registry = registry;
        this.issuer = issuer;
        this.format = format;
        this.events = events;
        this.mapper = mapper;
    }

    Uni<RegistrationResult> write(SqlClient conn, RegistrationInput in, Resolution r, String actor) {
        UUID sourceId = UUID.randomUUID();
        return r.links() ? link(conn, in, r, r.person(), sourceId, actor) : create(conn, in, r, sourceId, actor);
    }

    /*
     * The writes of a registration are independent of each other's results, so they are sent as one
     * pipelined flight on the transaction's connection instead of one round trip each: PostgreSQL executes
     * them in the order sent (the person row before the rows referring to it), and the first failure fails
     * the flight and rolls the transaction back. A dozen sequential round trips were most of a
     * registration's time on the loaded benchmark machine.
     */

    private Uni<RegistrationResult> link(SqlClient conn, RegistrationInput in, Resolution r, PersonRow person,
            UUID sourceId, String actor) {
        RegistrationRequest req = in.request();
        JsonObject before = snapshot(person);
        return Uni.combine().all().unis(
                        registry.insertSourceRecord(conn, sourceId, req.sourceSystem(), req.sourceId(), person.id(),
                                r.linkKind(), r.probability(), payload(in), actor),
                        registry.addNames(conn, person.id(), in.names()),
                        identifiers(conn, in, person.id()),
                        registry.fillMissing(conn, person.id(), req.phone(), in.nicConsistent() ? in.nicHash() : null,
                                req.esignetSub()))
                .discardItems()
                .chain(() -> registry.person(conn, person.id()))
                .chain(updated -> Uni.combine().all().unis(
                                registry.addKeys(conn, person.id(), MatchingService.keysOf(updated.orElseThrow())),
                                registry.event(conn, person.id(), "LINK", null, sourceId, actor, before,
                                        snapshot(updated.get()), decision(r)),
                                events.append(conn, PatientEvents.UPDATED, updated.get(), List.of(), null,
                                        req.sourceSystem(), req.sourceId()))
                        .discardItems())
                .replaceWith(() -> result(person, r, null));
    }

    private Uni<RegistrationResult> create(SqlClient conn, RegistrationInput in, Resolution r, UUID sourceId,
            String actor) {
        RegistrationRequest req = in.request();
        String poi = issuer.poiFor(req.facility(), req.test());
        return issuer.issue(conn, poi).chain(phn -> {
            RegistrationRequest.Address a = req.address();
            PersonRow person = new PersonRow(UUID.randomUUID(), phn.value(), "ACTIVE", null, in.givenNames(),
                    req.familyName().trim(), req.birthDate(), req.birthDateEstimated(), req.sex().code(), req.phone(),
                    a == null ? null : a.line(), a == null ? null : a.city(), a == null ? null : a.district(),
                    a == null ? null : a.postalCode(), in.nicConsistent() ? in.nicHash() : null, req.esignetSub(),
                    req.facility(), in.names());
            String kind = "MANUAL".equals(r.linkKind()) ? "MANUAL" : "NEW";
            UUID reviewId = r.outcome() == RegistrationResult.Outcome.NEW_PENDING_REVIEW ? UUID.randomUUID() : null;
            return Uni.combine().all().unis(
                            registry.insertPerson(conn, person, req.test()),
                            registry.addNames(conn, person.id(), in.names()),
                            registry.addIdentifier(conn, "PHN", phn.value(), person.id()),
                            identifiers(conn, in, person.id()),
                            registry.addKeys(conn, person.id(), MatchingService.keysOf(person)),
                            registry.insertSourceRecord(conn, sourceId, req.sourceSystem(), req.sourceId(),
                                    person.id(), kind, r.probability(), payload(in), actor),
                            registry.event(conn, person.id(), "PHN_ISSUED", null, sourceId, actor, null,
                                    snapshot(person), decision(r)),
                            reviewId == null ? Uni.createFrom().voidItem()
                                    : registry.insertReview(conn, reviewId, sourceId, person.id(),
                                            new JsonArray(json(r.candidates())), new JsonArray(r.reasons()),
                                            req.facility()),
                            events.append(conn, PatientEvents.REGISTERED, person, List.of(), null,
                                    req.sourceSystem(), req.sourceId()))
                    .discardItems()
                    .replaceWith(() -> result(person, r, reviewId));
        });
    }

    private Uni<Void> identifiers(SqlClient conn, RegistrationInput in, UUID person) {
        RegistrationRequest req = in.request();
        return Uni.combine().all().unis(registry.addIdentifier(conn, "ESIGNET_SUB", req.esignetSub(), person),
                        registry.addIdentifier(conn, "NIC_HASH", in.nicConsistent() ? in.nicHash() : null, person),
                        registry.addIdentifier(conn, "PHONE", req.phone() == null ? null
                                : req.phone().replaceAll("[^0-9]", ""), person))
                .discardItems();
    }

    private RegistrationResult result(PersonRow person, Resolution r, UUID reviewId) {
        return new RegistrationResult(format.display(format.parse(person.phn()).phn()), person.id(), r.outcome(),
                r.basis(), r.probability(), reviewId, false, r.reasons(), r.candidates(), r.parametersVersion());
    }

    /** The source record as received, without the NIC: only its keyed hash and whether it agreed with the DOB. */
    private JsonObject payload(RegistrationInput in) {
        JsonObject json = new JsonObject(json(in.request()));
        json.remove("nic");
        json.put("nicHash", in.nicHash()).put("nicConsistent", in.nicConsistent());
        return json;
    }

    JsonObject snapshot(PersonRow p) {
        JsonObject json = new JsonObject(json(p));
        json.remove("names");
        return json;
    }

    /** Serialised with the application's mapper (ISO dates), as API responses are. */
    String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject decision(Resolution r) {
        return new JsonObject().put("outcome", r.outcome().name()).put("basis", r.basis())
                .put("probability", r.probability()).put("reasons", new JsonArray(r.reasons()))
                .put("parametersVersion", r.parametersVersion());
    }
}
