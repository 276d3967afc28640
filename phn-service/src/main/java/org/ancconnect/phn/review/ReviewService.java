package org.ancconnect.phn.review;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ancconnect.commons.problem.ProblemException;
import org.ancconnect.phn.issuance.PhnFormat;
import org.ancconnect.phn.merge.MergeService;
import org.ancconnect.phn.registry.PersonRow;
import org.ancconnect.phn.registry.RegistryRepository;

/**
 * The review queue: registrations that got a new PHN while a close candidate existed. "Same person"
 * merges the new PHN into the candidate's (the older PHN survives, the new one stays resolvable) and
 * marks the link MANUAL; "different persons" records do-not-link pairs so the matcher never links them.
 */
@ApplicationScoped
public class ReviewService {

    private final Pool pool;
    private final RegistryRepository registry;
    private final MergeService merges;
    private final PhnFormat format;

    public ReviewService(Pool pool, RegistryRepository registry, MergeService merges, PhnFormat format) {
        this.pool = pool;
        this.registry = registry;
        this.merges = merges;
        this.format = format;
    }

    public enum Resolution { SAME_PERSON, DIFFERENT_PERSONS }

    public Uni<List<JsonObject>> open(int limit) {
        return pool.preparedQuery("SELECT r.id, p.phn, r.candidates, r.reasons, r.facility, r.created_at FROM review_item r"
                + " JOIN person p ON p.id = r.person_id WHERE r.status = 'OPEN' ORDER BY r.created_at LIMIT $1")
                .execute(Tuple.of(limit)).map(rows -> {
                    List<JsonObject> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.toJson().put("phn", display(r.getString("phn")))));
                    return out;
                });
    }

    public Uni<JsonObject> decide(UUID id, Resolution resolution, String candidatePhn, String actor) {
        return pool.withTransaction(conn -> registry.lock(conn, List.of("review:" + id))
                .chain(() -> conn.preparedQuery("SELECT source_record_id, person_id, status, candidates FROM review_item"
                        + " WHERE id = $1").execute(Tuple.of(id)))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().failure(ProblemException.notFound("No review item " + id));
                    }
                    Row item = rows.iterator().next();
                    if (!"OPEN".equals(item.getString("status"))) {
                        return Uni.createFrom().failure(ProblemException.conflict("review-resolved",
                                "Review item " + id + " is already resolved"));
                    }
                    UUID person = item.getUUID("person_id");
                    Uni<Void> action = resolution == Resolution.SAME_PERSON
                            ? same(conn, item, candidatePhn, actor)
                            : different(conn, person, (JsonArray) item.getValue("candidates"), actor);
                    return action
                            .chain(() -> conn.preparedQuery("UPDATE review_item SET status = 'RESOLVED', resolution = $2,"
                                    + " resolved_by = $3, resolved_at = now() WHERE id = $1")
                                    .execute(Tuple.of(id, resolution.name(), actor)))
                            .chain(() -> registry.event(conn, person, "REVIEW_RESOLVED", null,
                                    item.getUUID("source_record_id"), actor, null, null,
                                    new JsonObject().put("reviewId", id.toString()).put("resolution", resolution.name())
                                            .put("candidatePhn", candidatePhn)))
                            .replaceWith(new JsonObject().put("reviewId", id.toString()).put("resolution", resolution.name()));
                }));
    }

    private Uni<Void> same(SqlClient conn, Row item, String candidatePhn, String actor) {
        if (candidatePhn == null) {
            throw ProblemException.invalidField("phn", "is required for SAME_PERSON");
        }
        String phn = format.require("phn", candidatePhn).value();
        return registry.byPhn(conn, phn).chain(c -> c.isEmpty()
                        ? Uni.createFrom().failure(ProblemException.invalidField("phn", "no person holds this PHN"))
                        : registry.survivor(conn, c.get().id()))
                .chain(survivor -> registry.person(conn, item.getUUID("person_id"))
                        .chain(dup -> merges.merge(conn, survivor.orElseThrow(), dup.orElseThrow(), "review decision", actor)))
                .chain(merged -> conn.preparedQuery("UPDATE source_record SET link_kind = 'MANUAL' WHERE id = $1")
                        .execute(Tuple.of(item.getUUID("source_record_id"))))
                .replaceWithVoid();
    }

    private Uni<Void> different(SqlClient conn, UUID person, JsonArray candidates, String actor) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < candidates.size(); i++) {
            String phn = format.normalise(candidates.getJsonObject(i).getString("phn"));
            chain = chain.chain(() -> registry.byPhn(conn, phn).chain(c -> c.isEmpty() ? Uni.createFrom().voidItem()
                    : doNotLink(conn, person, c.get(), actor)));
        }
        return chain;
    }

    private Uni<Void> doNotLink(SqlClient conn, UUID person, PersonRow other, String actor) {
        // The pair is stored in PostgreSQL's uuid order (the table's check), which Java's UUID order is not.
        return conn.preparedQuery("INSERT INTO do_not_link (person_a, person_b, reason, created_by, created_at)"
                + " VALUES (LEAST($1::uuid, $2::uuid), GREATEST($1::uuid, $2::uuid), 'review: different persons', $3,"
                + " now()) ON CONFLICT DO NOTHING").execute(Tuple.of(person, other.id(), actor)).replaceWithVoid();
    }

    private String display(String canonical) {
        return format.display(format.parse(canonical).phn());
    }
}
