package org.ancconnect.phn.registry;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.ancconnect.phn.matching.MatchRecord;

/**
 * SQL access to the registry. Plain SQL over the reactive PostgreSQL client rather than an ORM: the hot
 * path is one blocking-key query, advisory locks and inserts, and the benchmark loader uses COPY; every
 * statement is here to be read and indexed deliberately. Every method takes the connection of the
 * caller's transaction.
 */
@ApplicationScoped
public class RegistryRepository {

    private static final String PERSON_COLUMNS = "p.id, p.phn, p.status, p.merged_into, p.given_names, p.family_name,"
            + " p.birth_date, p.birth_date_estimated, p.sex, p.phone, p.address_line, p.address_city,"
            + " p.address_district, p.address_postal_code, p.nic_hash, p.esignet_sub, p.facility,"
            + " (SELECT coalesce(json_agg(json_build_array(n.given_names, n.family_name) ORDER BY n.first_seen), '[]')"
            + " FROM person_name n WHERE n.person_id = p.id) AS names";

    /**
     * Serialises registrations that share a key, across replicas, until the transaction ends. Keys are
     * locked in the order of their hashes so two transactions needing the same keys cannot deadlock.
     */
    public Uni<Void> lock(SqlClient conn, Collection<String> keys) {
        // One round trip: the sorted subquery fixes the order in which the outer query takes the locks.
        return conn.preparedQuery("SELECT pg_advisory_xact_lock(h) FROM (SELECT hashtextextended(k, 0) AS h"
                        + " FROM unnest($1::text[]) AS k ORDER BY h) AS ordered")
                .execute(Tuple.of(new TreeSet<>(keys).toArray(String[]::new))).replaceWithVoid();
    }

    /** The link of an already received source record: {@code [person_id, link_kind, link_probability]}. */
    public Uni<Optional<Row>> sourceRecord(SqlClient conn, String system, String sourceId) {
        return conn.preparedQuery("SELECT id, person_id, link_kind, link_probability FROM source_record"
                + " WHERE source_system = $1 AND source_id = $2").execute(Tuple.of(system, sourceId)).map(RegistryRepository::first);
    }

    public Uni<Optional<UUID>> personByIdentifier(SqlClient conn, String system, String value) {
        return conn.preparedQuery("SELECT person_id FROM identifier WHERE system = $1 AND value = $2")
                .execute(Tuple.of(system, value)).map(rows -> first(rows).map(r -> r.getUUID(0)));
    }

    public Uni<Optional<PersonRow>> person(SqlClient conn, UUID id) {
        return conn.preparedQuery("SELECT " + PERSON_COLUMNS + " FROM person p WHERE p.id = $1").execute(Tuple.of(id))
                .map(rows -> first(rows).map(RegistryRepository::toPerson));
    }

    /** The persons {@code ids} and every person merged directly into one of them. */
    public Uni<List<PersonRow>> personsAndMerged(SqlClient conn, List<UUID> ids) {
        return conn.preparedQuery("SELECT " + PERSON_COLUMNS + " FROM person p WHERE p.id = ANY($1) OR p.merged_into = ANY($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
                    List<PersonRow> out = new ArrayList<>();
                    rows.forEach(r -> out.add(toPerson(r)));
                    return out;
                });
    }

    /** The active person a person id resolves to, following merges. */
    public Uni<Optional<PersonRow>> survivor(SqlClient conn, UUID id) {
        return person(conn, id).chain(p -> p.isPresent() && !p.get().active() && p.get().mergedInto() != null
                ? survivor(conn, p.get().mergedInto()) : Uni.createFrom().item(p));
    }

    /** The person holding a PHN, current or retired. */
    public Uni<Optional<PersonRow>> byPhn(SqlClient conn, String phn) {
        return personByIdentifier(conn, "PHN", phn)
                .chain(id -> id.isEmpty() ? Uni.createFrom().item(Optional.<PersonRow>empty()) : person(conn, id.get()));
    }

    /**
     * Active persons sharing blocking keys with the record. Each key's block is read from {@code match_key}'s
     * primary key (index only) up to {@code perKey} rows; a person is then fetched, decoded and scored only when
     * she shares at least two keys with the record, or one key whose block holds at most {@code smallBlock}
     * persons. A person met once in a common block ("Kumari" born 1995 in Gampaha: hundreds) is a namesake,
     * not a candidate; her true record almost always shares a second key or a rarer one ({@link
     * org.ancconnect.phn.matching.BlockingKeys#selected} is the same rule for the evaluation).
     */
    public Uni<List<PersonRow>> candidates(SqlClient conn, Collection<String> keys, int perKey, int smallBlock) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String sql = "WITH b AS (SELECT m.person_id, m.block FROM unnest($1::varchar[]) AS k(key)"
                + " CROSS JOIN LATERAL (SELECT person_id, count(*) OVER () AS block FROM (SELECT person_id FROM match_key"
                + " WHERE key = k.key LIMIT $2) s) m),"
                + " c AS (SELECT person_id FROM b GROUP BY person_id HAVING count(*) >= 2 OR min(block) <= $3)"
                + " SELECT " + PERSON_COLUMNS + " FROM c JOIN person p ON p.id = c.person_id WHERE p.status = 'ACTIVE'";
        return conn.preparedQuery(sql).execute(Tuple.of(keys.toArray(String[]::new), perKey, smallBlock))
                .map(rows -> {
                    List<PersonRow> out = new ArrayList<>();
                    rows.forEach(r -> out.add(toPerson(r)));
                    return out;
                });
    }

    /** Persons among {@code others} a human marked as a different person from {@code person}. */
    public Uni<Set<UUID>> doNotLink(SqlClient conn, UUID person, Collection<UUID> others) {
        if (person == null || others.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return conn.preparedQuery("SELECT CASE WHEN person_a = $1 THEN person_b ELSE person_a END FROM do_not_link"
                + " WHERE (person_a = $1 AND person_b = ANY($2)) OR (person_b = $1 AND person_a = ANY($2))")
                .execute(Tuple.of(person, others.toArray(UUID[]::new)))
                .map(rows -> {
                    Set<UUID> out = new HashSet<>();
                    rows.forEach(r -> out.add(r.getUUID(0)));
                    return out;
                });
    }

    public Uni<Void> insertPerson(SqlClient conn, PersonRow p, boolean test) {
        OffsetDateTime now = now();
        return conn.preparedQuery("INSERT INTO person (id, phn, status, given_names, family_name, birth_date,"
                + " birth_date_estimated, sex, phone, address_line, address_city, address_district, address_postal_code,"
                + " nic_hash, esignet_sub, facility, test, created_at, updated_at, key_version)"
                + " VALUES ($1, $2, 'ACTIVE', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18)")
                .execute(Tuple.from(new Object[] {p.id(), p.phn(), p.givenNames(), p.familyName(), p.birthDate(),
                        p.birthDateEstimated(), p.sex(), p.phone(), p.addressLine(), p.city(), p.district(),
                        p.postalCode(), p.nicHash(), p.esignetSub(), p.facility(), test, now,
                        (short) org.ancconnect.phn.matching.Normaliser.VERSION}))
                .replaceWithVoid();
    }

    /** Fills fields the golden record lacks; never overwrites what is there (first verified value wins). */
    public Uni<Void> fillMissing(SqlClient conn, UUID id, String phone, String nicHash, String esignetSub) {
        return conn.preparedQuery("UPDATE person SET phone = coalesce(phone, $2), nic_hash = coalesce(nic_hash, $3),"
                + " esignet_sub = coalesce(esignet_sub, $4), updated_at = $5 WHERE id = $1")
                .execute(Tuple.of(id, phone, nicHash, esignetSub, now())).replaceWithVoid();
    }

    public Uni<Void> addNames(SqlClient conn, UUID person, List<MatchRecord.Name> names) {
        return Multi.createFrom().iterable(names).onItem().transformToUniAndConcatenate(n -> conn.preparedQuery(
                "INSERT INTO person_name (person_id, given_names, family_name, first_seen) VALUES ($1, $2, $3, $4)"
                        + " ON CONFLICT DO NOTHING").execute(Tuple.of(person, n.given(), n.family(), now())))
                .collect().last().replaceWithVoid();
    }

    /** Adds an identifier; an identifier another person already holds is left with that person. */
    public Uni<Void> addIdentifier(SqlClient conn, String system, String value, UUID person) {
        if (value == null) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("INSERT INTO identifier (system, value, person_id, created_at) VALUES ($1, $2, $3, $4)"
                + " ON CONFLICT DO NOTHING").execute(Tuple.of(system, value, person, now())).replaceWithVoid();
    }

    public Uni<Void> addKeys(SqlClient conn, UUID person, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("INSERT INTO match_key (key, person_id) SELECT k, $2 FROM unnest($1::varchar[]) k"
                + " ON CONFLICT DO NOTHING").execute(Tuple.of(keys.toArray(String[]::new), person)).replaceWithVoid();
    }

    public Uni<Void> insertSourceRecord(SqlClient conn, UUID id, String system, String sourceId, UUID person,
            String kind, Double probability, JsonObject payload, String actor) {
        return conn.preparedQuery("INSERT INTO source_record (id, source_system, source_id, person_id, link_kind,"
                + " link_probability, payload, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(new Object[] {id, system, sourceId, person, kind, probability, payload, actor, now()}))
                .replaceWithVoid();
    }

    public Uni<Void> event(SqlClient conn, UUID person, String kind, UUID related, UUID sourceRecord, String actor,
            JsonObject before, JsonObject after, JsonObject details) {
        return conn.preparedQuery("INSERT INTO identity_event (person_id, kind, related_person_id, source_record_id,"
                + " actor, occurred_at, before_image, after_image, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(new Object[] {person, kind, related, sourceRecord, actor, now(), before, after, details}))
                .replaceWithVoid();
    }

    public Uni<Void> insertReview(SqlClient conn, UUID id, UUID sourceRecord, UUID person, JsonArray candidates,
            JsonArray reasons, String facility) {
        return conn.preparedQuery("INSERT INTO review_item (id, source_record_id, person_id, status, candidates, reasons,"
                + " facility, created_at) VALUES ($1, $2, $3, 'OPEN', $4, $5, $6, $7)")
                .execute(Tuple.from(new Object[] {id, sourceRecord, person, candidates, reasons, facility, now()}))
                .replaceWithVoid();
    }

    static PersonRow toPerson(Row r) {
        List<MatchRecord.Name> names = new ArrayList<>();
        Object raw = r.getValue("names");
        JsonArray array = raw instanceof JsonArray a ? a : new JsonArray(String.valueOf(raw));
        for (int i = 0; i < array.size(); i++) {
            JsonArray n = array.getJsonArray(i);
            names.add(new MatchRecord.Name(n.getString(0), n.getString(1)));
        }
        return new PersonRow(r.getUUID("id"), r.getString("phn"), r.getString("status"), r.getUUID("merged_into"),
                r.getString("given_names"), r.getString("family_name"), r.getLocalDate("birth_date"),
                r.getBoolean("birth_date_estimated"), r.getString("sex"), r.getString("phone"),
                r.getString("address_line"), r.getString("address_city"), r.getString("address_district"),
                r.getString("address_postal_code"), r.getString("nic_hash"), r.getString("esignet_sub"),
                r.getString("facility"), names);
    }

    static Optional<Row> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
