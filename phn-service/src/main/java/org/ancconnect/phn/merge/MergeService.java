package org.ancconnect.phn.merge;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ancconnect.commons.problem.ProblemException;
import org.ancconnect.phn.events.PatientEvents;
import org.ancconnect.phn.issuance.PhnFormat;
import org.ancconnect.phn.matching.MatchRecord;
import org.ancconnect.phn.matching.MatchingService;
import org.ancconnect.phn.registry.PersonRow;
import org.ancconnect.phn.registry.RegistryRepository;

/**
 * Merges a duplicate into a survivor and undoes merges. The survivor keeps her PHN; the duplicate's PHN
 * is retired but stays resolvable (its identifier row stays, and look-ups follow {@code merged_into}).
 * The merge event records exactly which names and blocking keys the survivor received, so an unmerge
 * removes those and nothing else; an unmerge also records the pair as do-not-link, since a human has
 * said they are two people.
 */
@ApplicationScoped
public class MergeService {

    private final Pool pool;
    private final RegistryRepository registry;
    private final PatientEvents events;
    private final PhnFormat format;

    public MergeService(Pool pool, RegistryRepository registry, PatientEvents events, PhnFormat format) {
        this.pool = pool;
        this.registry = registry;
        this.events = events;
        this.format = format;
    }

    public Uni<PersonRow> merge(String survivorPhn, String duplicatePhn, String reason, String actor) {
        String s = format.require("phn", survivorPhn).value();
        String d = format.require("duplicatePhn", duplicatePhn).value();
        return pool.withTransaction(conn -> registry.lock(conn, List.of("phn:" + s, "phn:" + d))
                .chain(() -> active(conn, s, "phn"))
                .chain(survivor -> active(conn, d, "duplicatePhn").chain(dup -> merge(conn, survivor, dup, reason, actor))));
    }

    /** Merge inside the caller's transaction (review decisions use it). */
    public Uni<PersonRow> merge(SqlClient conn, PersonRow survivor, PersonRow dup, String reason, String actor) {
        if (survivor.id().equals(dup.id())) {
            throw ProblemException.invalidField("duplicatePhn", "is the survivor itself");
        }
        return registry.doNotLink(conn, survivor.id(), List.of(dup.id())).chain(excluded -> {
            if (!excluded.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.conflict("do-not-link",
                        "These persons were recorded as different people; unmark them before merging"));
            }
            List<MatchRecord.Name> added = new ArrayList<>();
            for (MatchRecord.Name n : dup.toMatchRecord().names()) {
                if (!survivor.toMatchRecord().names().contains(n)) {
                    added.add(n);
                }
            }
            Set<String> keys = new HashSet<>(MatchingService.keysOf(dup));
            keys.removeAll(MatchingService.keysOf(survivor));
            JsonObject details = new JsonObject().put("reason", reason)
                    .put("addedNames", new JsonArray(added.stream().map(n -> new JsonArray().add(n.given()).add(n.family())).toList()))
                    .put("addedKeys", new JsonArray(new ArrayList<>(keys)));
            return conn.preparedQuery("UPDATE person SET status = 'MERGED', merged_into = $2, updated_at = now() WHERE id = $1")
                    .execute(Tuple.of(dup.id(), survivor.id()))
                    .chain(() -> conn.preparedQuery("UPDATE identifier SET retired = true WHERE system = 'PHN' AND person_id = $1")
                            .execute(Tuple.of(dup.id())))
                    .chain(() -> registry.addNames(conn, survivor.id(), added))
                    .chain(() -> registry.addKeys(conn, survivor.id(), keys))
                    .chain(() -> registry.event(conn, survivor.id(), "MERGE", dup.id(), null, actor, null, null, details))
                    .chain(() -> registry.event(conn, dup.id(), "PHN_RETIRED", survivor.id(), null, actor, null, null,
                            new JsonObject().put("retiredPhn", dup.phn()).put("survivorPhn", survivor.phn())))
                    .chain(() -> registry.person(conn, survivor.id()))
                    .chain(updated -> events.append(conn, PatientEvents.MERGED, updated.orElseThrow(), List.of(dup.phn()),
                            survivor.phn(), null, null).replaceWith(updated.get()));
        });
    }

    /** Undoes the latest merge of {@code duplicatePhn} into {@code survivorPhn}. */
    public Uni<PersonRow> unmerge(String survivorPhn, String duplicatePhn, String actor) {
        String s = format.require("phn", survivorPhn).value();
        String d = format.require("duplicatePhn", duplicatePhn).value();
        return pool.withTransaction(conn -> registry.lock(conn, List.of("phn:" + s, "phn:" + d))
                .chain(() -> registry.byPhn(conn, s)).chain(survivor -> registry.byPhn(conn, d).chain(dup -> {
                    if (survivor.isEmpty() || dup.isEmpty() || !survivor.get().id().equals(dup.get().mergedInto())) {
                        return Uni.createFrom().failure(ProblemException.conflict("not-merged",
                                "PHN " + duplicatePhn + " is not merged into " + survivorPhn));
                    }
                    return unmerge(conn, survivor.get(), dup.get(), actor);
                })));
    }

    private Uni<PersonRow> unmerge(SqlClient conn, PersonRow survivor, PersonRow dup, String actor) {
        return conn.preparedQuery("SELECT details FROM identity_event WHERE person_id = $1 AND related_person_id = $2"
                + " AND kind = 'MERGE' ORDER BY id DESC LIMIT 1").execute(Tuple.of(survivor.id(), dup.id()))
                .chain(rows -> {
                    JsonObject details = (JsonObject) rows.iterator().next().getValue(0);
                    JsonArray names = details.getJsonArray("addedNames");
                    JsonArray keys = details.getJsonArray("addedKeys");
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (int i = 0; i < names.size(); i++) {
                        JsonArray n = names.getJsonArray(i);
                        chain = chain.chain(() -> conn.preparedQuery("DELETE FROM person_name WHERE person_id = $1"
                                + " AND given_names = $2 AND family_name = $3")
                                .execute(Tuple.of(survivor.id(), n.getString(0), n.getString(1))).replaceWithVoid());
                    }
                    return chain
                            .chain(() -> conn.preparedQuery("DELETE FROM match_key WHERE person_id = $1 AND key = ANY($2)")
                                    .execute(Tuple.of(survivor.id(), keys.getList().toArray(String[]::new))))
                            .chain(() -> conn.preparedQuery("UPDATE person SET status = 'ACTIVE', merged_into = NULL,"
                                    + " updated_at = now() WHERE id = $1").execute(Tuple.of(dup.id())))
                            .chain(() -> conn.preparedQuery("UPDATE identifier SET retired = false WHERE system = 'PHN'"
                                    + " AND person_id = $1").execute(Tuple.of(dup.id())))
                            .chain(() -> conn.preparedQuery("INSERT INTO do_not_link (person_a, person_b, reason, created_by,"
                                    + " created_at) VALUES (LEAST($1::uuid, $2::uuid), GREATEST($1::uuid, $2::uuid), 'unmerged', $3, now())"
                                    + " ON CONFLICT DO NOTHING").execute(Tuple.of(survivor.id(), dup.id(), actor)))
                            .chain(() -> registry.event(conn, survivor.id(), "UNMERGE", dup.id(), null, actor, null, null,
                                    details))
                            .chain(() -> registry.person(conn, dup.id()))
                            .chain(restored -> events.append(conn, PatientEvents.UPDATED, restored.orElseThrow(), List.of(),
                                    null, null, null).replaceWith(restored.get()))
                            .call(() -> registry.person(conn, survivor.id()).chain(sv -> events.append(conn,
                                    PatientEvents.UPDATED, sv.orElseThrow(), List.of(), null, null, null)));
                });
    }

    private Uni<PersonRow> active(SqlClient conn, String phn, String field) {
        return registry.byPhn(conn, phn).map(p -> {
            if (p.isEmpty()) {
                throw ProblemException.notFound("No person holds PHN " + phn);
            }
            if (!p.get().active()) {
                throw ProblemException.conflict("already-merged", field + " " + phn + " is already merged");
            }
            return p.get();
        });
    }
}
