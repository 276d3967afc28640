package org.ancconnect.phn.registration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.ancconnect.commons.problem.ProblemException;
import org.ancconnect.phn.events.PatientEvents;
import org.ancconnect.phn.issuance.Phn;
import org.ancconnect.phn.issuance.PhnFormat;
import org.ancconnect.phn.issuance.PhnIssuer;
import org.ancconnect.phn.matching.MatchRecord;
import org.ancconnect.phn.matching.MatchingService;
import org.ancconnect.phn.matching.Normaliser;
import org.ancconnect.phn.registry.PersonRow;
import org.ancconnect.phn.registry.RegistryRepository;

/**
 * Undoes one link: detaches a source record from the person it was linked to (automatically or by hand)
 * and gives it to a new person with a new PHN, or to a named person. In one transaction, under the same
 * advisory locks registration takes (the source key and both PHNs):
 * <ul>
 * <li>the golden record is rebuilt from her remaining source records, first value wins as at registration
 *     (so a detached first record no longer supplies her name or birth date); name forms, identifiers (NIC
 *     hash, eSignet sub, phone) and blocking keys that only the detached record carried leave her, while
 *     what persons merged into her brought stays;</li>
 * <li>the source record moves, as a MANUAL link, with its names, identifiers and keys;</li>
 * <li>the pair becomes do-not-link (a human said they are two people: merge refuses them, and a
 *     registration presenting either PHN is guarded against the other), and replaying the source record
 *     answers with its new person, so the matcher never re-links it;</li>
 * <li>an UNLINK identity event with the before and after images of her golden record, a LINK or PHN_ISSUED
 *     event on the receiving person, and patient events through the outbox.</li>
 * </ul>
 * A person's only source record cannot be detached (there would be nobody left), nor a record that reached
 * her through a merge (unmerge undoes that).
 */
@ApplicationScoped
public class UnlinkService {

    /** Where a detached record went. */
    public record UnlinkResult(String phn, UUID personId, String toPhn, UUID toPersonId, boolean newPerson,
            UUID sourceRecordId) {
    }

    private final Pool pool;
    private final RegistryRepository registry;
    private final PhnIssuer issuer;
    private final PhnFormat format;
    private final PatientEvents events;
    private final RegistrationWriter writer;
    private final ObjectMapper mapper;

    public UnlinkService(Pool pool, RegistryRepository registry, PhnIssuer issuer, PhnFormat format,
            PatientEvents events, RegistrationWriter writer, ObjectMapper mapper) {
        this.pool = pool;
        this.registry = registry;
        this.issuer = issuer;
        this.format = format;
        this.events = events;
        this.writer = writer;
        this.mapper = mapper;
    }

    public Uni<UnlinkResult> unlink(String phn, String sourceSystem, String sourceId, String targetPhn, String reason,
            String actor) {
        Phn from = format.require("phn", phn);
        Phn to = targetPhn == null ? null : format.require("targetPhn", targetPhn);
        if (to != null && to.value().equals(from.value())) {
            throw ProblemException.invalidField("targetPhn", "is the person the record is detached from");
        }
        List<String> locks = new ArrayList<>(List.of("phn:" + from.value(), "source:" + sourceSystem + ":" + sourceId));
        if (to != null) {
            locks.add("phn:" + to.value());
        }
        return pool.withTransaction(conn -> registry.lock(conn, locks)
                .chain(() -> active(conn, from.value(), "phn"))
                .chain(person -> (to == null ? Uni.createFrom().item((PersonRow) null) : active(conn, to.value(), "targetPhn"))
                        .chain(target -> {
                            if (target != null && target.id().equals(person.id())) {
                                throw ProblemException.invalidField("targetPhn", "is the person the record is detached from");
                            }
                            return conn.preparedQuery("SELECT id, source_system, source_id, link_kind, payload FROM source_record"
                                    + " WHERE person_id = $1 ORDER BY created_at, id").execute(Tuple.of(person.id()))
                                    .chain(rows -> {
                                        List<Row> own = new ArrayList<>();
                                        rows.forEach(own::add);
                                        return detach(conn, person, target, own, sourceSystem, sourceId, reason, actor);
                                    });
                        })));
    }

    private Uni<UnlinkResult> detach(SqlClient conn, PersonRow person, PersonRow target, List<Row> own,
            String sourceSystem, String sourceId, String reason, String actor) {
        Row detached = own.stream().filter(r -> sourceSystem.equals(r.getString("source_system"))
                && sourceId.equals(r.getString("source_id"))).findFirst().orElse(null);
        if (detached == null) {
            return registry.sourceRecord(conn, sourceSystem, sourceId).map(found -> {
                throw found.isEmpty() ? ProblemException.notFound("No source record " + sourceSystem + "/" + sourceId)
                        : ProblemException.conflict("not-linked", "Source record " + sourceSystem + "/" + sourceId
                                + " is not linked to " + format.display(format.parse(person.phn()).phn())
                                + " (a record that came with a merge is detached by unmerge)");
            });
        }
        if (own.size() == 1) {
            return Uni.createFrom().failure(ProblemException.conflict("last-source-record", "Source record "
                    + sourceSystem + "/" + sourceId + " is the person's only record; there is nothing to detach it from"));
        }
        List<RegistrationInput> remaining = own.stream().filter(r -> r != detached).map(this::input).toList();
        RegistrationInput moved = input(detached);
        UUID sourceRecordId = detached.getUUID("id");
        // What persons merged into her brought stays with her: their names and keys.
        return mergedInto(conn, person.id()).chain(merged -> {
            Set<MatchRecord.Name> kept = new HashSet<>();
            remaining.forEach(in -> kept.addAll(in.names()));
            merged.forEach(m -> kept.addAll(m.toMatchRecord().names()));
            List<MatchRecord.Name> removedNames = moved.names().stream().filter(n -> !kept.contains(n)).distinct().toList();
            List<String[]> movedIds = new ArrayList<>();
            for (String[] id : identifiers(moved)) {
                if (remaining.stream().noneMatch(in -> identifiers(in).stream().anyMatch(o -> o[0].equals(id[0]) && o[1].equals(id[1])))) {
                    movedIds.add(id);
                }
            }
            PersonRow rebuilt = rebuild(person, remaining);
            Set<String> keys = new LinkedHashSet<>(MatchingService.keysOf(withNames(rebuilt, person.names(), removedNames)));
            merged.forEach(m -> keys.addAll(MatchingService.keysOf(m)));
            Uni<Void> update = Uni.combine().all().unis(
                            removeNames(conn, person.id(), removedNames),
                            removeIdentifiers(conn, person.id(), movedIds),
                            conn.preparedQuery("UPDATE person SET given_names = $2, family_name = $3, birth_date = $4,"
                                    + " birth_date_estimated = $5, sex = $6, phone = $7, address_line = $8, address_city = $9,"
                                    + " address_district = $10, address_postal_code = $11, nic_hash = $12, esignet_sub = $13,"
                                    + " key_version = $14, updated_at = now() WHERE id = $1")
                                    .execute(Tuple.from(new Object[] {person.id(), rebuilt.givenNames(), rebuilt.familyName(),
                                            rebuilt.birthDate(), rebuilt.birthDateEstimated(), rebuilt.sex(), rebuilt.phone(),
                                            rebuilt.addressLine(), rebuilt.city(), rebuilt.district(), rebuilt.postalCode(),
                                            rebuilt.nicHash(), rebuilt.esignetSub(), (short) Normaliser.VERSION})),
                            conn.preparedQuery("DELETE FROM match_key WHERE person_id = $1").execute(Tuple.of(person.id())))
                    .discardItems()
                    .chain(() -> registry.addKeys(conn, person.id(), keys));
            Uni<PersonRow> receiver = target == null ? newPerson(conn, moved, movedIds) : Uni.createFrom().item(target);
            return update.chain(() -> receiver).chain(recv -> {
                JsonObject details = new JsonObject().put("reason", reason).put("sourceSystem", sourceSystem)
                        .put("sourceId", sourceId).put("previousLinkKind", detached.getString("link_kind"))
                        .put("toPhn", recv.phn()).put("newPerson", target == null)
                        .put("removedNames", new JsonArray(removedNames.stream()
                                .map(n -> new JsonArray().add(n.given()).add(n.family())).toList()))
                        .put("movedIdentifiers", new JsonArray(movedIds.stream().map(i -> i[0]).toList()));
                return conn.preparedQuery("UPDATE source_record SET person_id = $2, link_kind = 'MANUAL',"
                                + " link_probability = NULL WHERE id = $1").execute(Tuple.of(sourceRecordId, recv.id()))
                        .chain(() -> target == null ? Uni.createFrom().voidItem()
                                : attach(conn, target, moved, movedIds, sourceRecordId, actor, details))
                        .chain(() -> conn.preparedQuery("INSERT INTO do_not_link (person_a, person_b, reason, created_by,"
                                + " created_at) VALUES (LEAST($1::uuid, $2::uuid), GREATEST($1::uuid, $2::uuid), $3, $4, now())"
                                + " ON CONFLICT DO NOTHING").execute(Tuple.of(person.id(), recv.id(),
                                        truncate("unlinked: " + reason), actor)))
                        .chain(() -> registry.person(conn, person.id()))
                        .chain(after -> Uni.combine().all().unis(
                                        registry.event(conn, person.id(), "UNLINK", recv.id(), sourceRecordId, actor,
                                                writer.snapshot(person), writer.snapshot(after.orElseThrow()), details),
                                        events.append(conn, PatientEvents.UPDATED, after.get(), List.of(), null, sourceSystem,
                                                sourceId))
                                .discardItems())
                        .chain(() -> target == null ? registry.event(conn, recv.id(), "PHN_ISSUED", person.id(),
                                sourceRecordId, actor, null, writer.snapshot(recv), details) : Uni.createFrom().voidItem())
                        .chain(() -> target == null ? events.append(conn, PatientEvents.REGISTERED, recv, List.of(), null,
                                sourceSystem, sourceId) : Uni.createFrom().voidItem())
                        .replaceWith(() -> new UnlinkResult(display(person.phn()), person.id(), display(recv.phn()),
                                recv.id(), target == null, sourceRecordId));
            });
        });
    }

    /** A new person from the detached record alone, with a freshly issued PHN. */
    private Uni<PersonRow> newPerson(SqlClient conn, RegistrationInput in, List<String[]> movedIds) {
        RegistrationRequest req = in.request();
        return issuer.issue(conn, issuer.poiFor(req.facility(), req.test())).chain(phn -> {
            PersonRow p = fromRecord(UUID.randomUUID(), phn.value(), in, movedIds);
            return Uni.combine().all().unis(
                            registry.insertPerson(conn, p, req.test()),
                            registry.addNames(conn, p.id(), in.names()),
                            registry.addIdentifier(conn, "PHN", phn.value(), p.id()),
                            addIdentifiers(conn, p.id(), movedIds),
                            registry.addKeys(conn, p.id(), MatchingService.keysOf(p)))
                    .discardItems().replaceWith(p);
        });
    }

    /** Links the detached record to a named person, as a manual link. */
    private Uni<Void> attach(SqlClient conn, PersonRow target, RegistrationInput in, List<String[]> movedIds,
            UUID sourceRecordId, String actor, JsonObject details) {
        RegistrationRequest req = in.request();
        String nic = movedIds.stream().filter(i -> i[0].equals("NIC_HASH")).map(i -> i[1]).findFirst().orElse(null);
        String sub = movedIds.stream().filter(i -> i[0].equals("ESIGNET_SUB")).map(i -> i[1]).findFirst().orElse(null);
        return Uni.combine().all().unis(registry.addNames(conn, target.id(), in.names()),
                        addIdentifiers(conn, target.id(), movedIds),
                        registry.fillMissing(conn, target.id(), req.phone(), nic, sub))
                .discardItems()
                .chain(() -> registry.person(conn, target.id()))
                .chain(updated -> Uni.combine().all().unis(
                                registry.addKeys(conn, target.id(), MatchingService.keysOf(updated.orElseThrow())),
                                registry.event(conn, target.id(), "LINK", null, sourceRecordId, actor,
                                        writer.snapshot(target), writer.snapshot(updated.get()),
                                        details.copy().put("linkKind", "MANUAL")),
                                events.append(conn, PatientEvents.UPDATED, updated.get(), List.of(), null,
                                        req.sourceSystem(), req.sourceId()))
                        .discardItems());
    }

    /** Her golden record from her remaining source records: the first supplies the fields, later ones fill gaps. */
    private static PersonRow rebuild(PersonRow person, List<RegistrationInput> remaining) {
        RegistrationInput first = remaining.get(0);
        PersonRow p = fromRecord(person.id(), person.phn(), first, identifiers(first));
        String phone = null;
        String nic = null;
        String sub = null;
        for (RegistrationInput in : remaining) {
            phone = phone != null ? phone : in.request().phone();
            nic = nic != null ? nic : in.nicConsistent() ? in.nicHash() : null;
            sub = sub != null ? sub : in.request().esignetSub();
        }
        return new PersonRow(p.id(), p.phn(), person.status(), person.mergedInto(), p.givenNames(), p.familyName(),
                p.birthDate(), p.birthDateEstimated(), p.sex(), phone, p.addressLine(), p.city(), p.district(),
                p.postalCode(), nic, sub, person.facility(), p.names());
    }

    private static PersonRow fromRecord(UUID id, String phn, RegistrationInput in, List<String[]> ids) {
        RegistrationRequest req = in.request();
        RegistrationRequest.Address a = req.address();
        String nic = ids.stream().filter(i -> i[0].equals("NIC_HASH")).map(i -> i[1]).findFirst().orElse(null);
        String sub = ids.stream().filter(i -> i[0].equals("ESIGNET_SUB")).map(i -> i[1]).findFirst().orElse(null);
        return new PersonRow(id, phn, "ACTIVE", null, in.givenNames(), req.familyName().trim(), req.birthDate(),
                req.birthDateEstimated(), req.sex().code(), req.phone(), a == null ? null : a.line(),
                a == null ? null : a.city(), a == null ? null : a.district(), a == null ? null : a.postalCode(), nic, sub,
                req.facility(), in.names());
    }

    /** Her stored name forms without the removed ones, for her blocking keys. */
    private static PersonRow withNames(PersonRow p, List<MatchRecord.Name> stored, List<MatchRecord.Name> removed) {
        List<MatchRecord.Name> names = new ArrayList<>(stored);
        names.removeAll(removed);
        return new PersonRow(p.id(), p.phn(), p.status(), p.mergedInto(), p.givenNames(), p.familyName(), p.birthDate(),
                p.birthDateEstimated(), p.sex(), p.phone(), p.addressLine(), p.city(), p.district(), p.postalCode(),
                p.nicHash(), p.esignetSub(), p.facility(), names);
    }

    /** The identifiers a source record carries, as registration stores them: {system, value}. */
    private static List<String[]> identifiers(RegistrationInput in) {
        List<String[]> ids = new ArrayList<>();
        RegistrationRequest req = in.request();
        if (req.esignetSub() != null) {
            ids.add(new String[] {"ESIGNET_SUB", req.esignetSub()});
        }
        if (in.nicConsistent()) {
            ids.add(new String[] {"NIC_HASH", in.nicHash()});
        }
        if (req.phone() != null) {
            ids.add(new String[] {"PHONE", req.phone().replaceAll("[^0-9]", "")});
        }
        return ids;
    }

    private Uni<Void> addIdentifiers(SqlClient conn, UUID person, List<String[]> ids) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String[] id : ids) {
            chain = chain.chain(() -> registry.addIdentifier(conn, id[0], id[1], person));
        }
        return chain;
    }

    private static Uni<Void> removeIdentifiers(SqlClient conn, UUID person, List<String[]> ids) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String[] id : ids) {
            chain = chain.chain(() -> conn.preparedQuery("DELETE FROM identifier WHERE system = $1 AND value = $2"
                    + " AND person_id = $3 AND NOT retired").execute(Tuple.of(id[0], id[1], person)).replaceWithVoid());
        }
        return chain;
    }

    private static Uni<Void> removeNames(SqlClient conn, UUID person, List<MatchRecord.Name> names) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (MatchRecord.Name n : names) {
            chain = chain.chain(() -> conn.preparedQuery("DELETE FROM person_name WHERE person_id = $1 AND given_names = $2"
                    + " AND family_name = $3").execute(Tuple.of(person, n.given(), n.family())).replaceWithVoid());
        }
        return chain;
    }

    private Uni<List<PersonRow>> mergedInto(SqlClient conn, UUID person) {
        return conn.preparedQuery("SELECT id FROM person WHERE merged_into = $1").execute(Tuple.of(person))
                .chain(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID(0)));
                    Uni<List<PersonRow>> all = Uni.createFrom().item(new ArrayList<>());
                    for (UUID id : ids) {
                        all = all.chain(list -> registry.person(conn, id).map(p -> {
                            p.ifPresent(list::add);
                            return list;
                        }));
                    }
                    return all;
                });
    }

    /** The registration a stored source record was, as validated then (the NIC itself is never stored). */
    private RegistrationInput input(Row row) {
        JsonObject payload = payload(row);
        String nicHash = payload.getString("nicHash");
        boolean consistent = Boolean.TRUE.equals(payload.getBoolean("nicConsistent"));
        JsonObject request = payload.copy();
        request.remove("nicHash");
        request.remove("nicConsistent");
        try {
            return new RegistrationInput(mapper.readValue(request.encode(), RegistrationRequest.class), nicHash,
                    consistent, null, null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Stored source record " + row.getUUID("id") + " does not read back", e);
        }
    }

    private static JsonObject payload(Row row) {
        Object raw = row.getValue("payload");
        return raw instanceof JsonObject o ? o : new JsonObject(String.valueOf(raw));
    }

    private Uni<PersonRow> active(SqlClient conn, String phn, String field) {
        return registry.byPhn(conn, phn).map(p -> {
            if (p.isEmpty()) {
                throw ProblemException.notFound("No person holds PHN " + display(phn));
            }
            if (!p.get().active()) {
                throw ProblemException.conflict("already-merged", field + " " + display(phn)
                        + " is retired (merged); use the survivor's PHN");
            }
            return p.get();
        });
    }

    private String display(String canonical) {
        return format.display(format.parse(canonical).phn());
    }

    private static String truncate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500);
    }
}
