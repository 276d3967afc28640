package org.ancconnect.phn.matching;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ancconnect.phn.PhnConfig;
import org.ancconnect.phn.registry.PersonRow;
import org.ancconnect.phn.registry.RegistryRepository;
import org.jboss.logging.Logger;

/**
 * Recomputes the blocking keys of persons keyed by an older {@link Normaliser#VERSION} (v1 keys never meet
 * v2 keys, so a registry keyed under the old version is invisible to the new matcher until re-keyed).
 *
 * <p>Resumable and safe alongside registrations on any number of replicas: persons are taken in
 * {@code (key_version, id)} order by keyset pagination, a batch at a time, each batch in its own short
 * transaction that locks its persons {@code FOR UPDATE SKIP LOCKED} (a person a registration is writing is
 * skipped and picked up by the next run; two replicas split the work instead of repeating it), replaces
 * their keys and records the new version. The progress is the data itself (a person's {@code key_version}),
 * so a restart continues where the last committed batch ended. A survivor of merges also keeps the keys of
 * the persons merged into her, as the merge gave them to her.
 *
 * <p>Order of a version change (README, "Re-keying"): the matcher computes keys of the running version only,
 * so it must not run ahead of the data. A release that changes the normaliser keeps the previous version's
 * key function readable, and {@link MatchingService} queries both while {@link #pendingOlder} reports persons
 * left; version 2 is the first version ever deployed, so today there is nothing older to read.
 */
@ApplicationScoped
public class RekeyJob {

    private static final Logger LOG = Logger.getLogger(RekeyJob.class);

    /** Progress of one run. */
    public record Progress(long persons, long batches, boolean complete) {
    }

    private final Pool pool;
    private final RegistryRepository registry;
    private final int batchSize;
    private final Counter rekeyed;

    public RekeyJob(Pool pool, RegistryRepository registry, PhnConfig config, MeterRegistry meters) {
        this.pool = pool;
        this.registry = registry;
        this.batchSize = config.matching().rekeyBatchSize();
        this.rekeyed = Counter.builder("phn.rekey.persons").description("Persons whose blocking keys were recomputed")
                .register(meters);
    }

    @Scheduled(every = "{phn.matching.rekey-interval}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run(batchSize, Integer.MAX_VALUE)
                .onFailure().invoke(e -> LOG.warnf("Re-keying stopped, the next run resumes: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Persons whose keys are older than the running normaliser. */
    public Uni<Long> pendingOlder() {
        return pool.preparedQuery("SELECT count(*) FROM person WHERE key_version < $1")
                .execute(Tuple.of(Normaliser.VERSION)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Re-keys at most {@code maxBatches} batches of {@code size} persons. */
    public Uni<Progress> run(int size, int maxBatches) {
        return step(size, maxBatches, (short) -1, new UUID(0, 0), 0, 0);
    }

    private Uni<Progress> step(int size, int maxBatches, short afterVersion, UUID afterId, long done, long batches) {
        if (batches >= maxBatches) {
            return Uni.createFrom().item(new Progress(done, batches, false));
        }
        return batch(size, afterVersion, afterId).chain(last -> {
            if (last.isEmpty()) {
                if (done > 0) {
                    LOG.infof("Re-keying to normaliser v%d: %d persons in %d batches, done", Normaliser.VERSION, done,
                            batches);
                }
                return Uni.createFrom().item(new Progress(done, batches, true));
            }
            long total = done + last.get().count();
            if ((batches + 1) % 20 == 0) {
                LOG.infof("Re-keying to normaliser v%d: %d persons so far", Normaliser.VERSION, total);
            }
            return step(size, maxBatches, last.get().version(), last.get().id(), total, batches + 1);
        });
    }

    private record Cursor(short version, UUID id, int count) {
    }

    /** One transaction: lock a page of persons, replace their keys, record the version; the page's last row. */
    private Uni<java.util.Optional<Cursor>> batch(int size, short afterVersion, UUID afterId) {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT id, key_version FROM person WHERE key_version < $1"
                        + " AND (key_version, id) > ($2, $3) ORDER BY key_version, id LIMIT $4 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of((short) Normaliser.VERSION, afterVersion, afterId, size))
                .chain(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    Cursor cursor = null;
                    for (Row r : rows) {
                        ids.add(r.getUUID(0));
                        cursor = new Cursor(r.getShort(1), r.getUUID(0), 0);
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(java.util.Optional.<Cursor>empty());
                    }
                    Cursor last = new Cursor(cursor.version(), cursor.id(), ids.size());
                    return registry.personsAndMerged(conn, ids).chain(persons -> {
                        Map<UUID, Set<String>> keys = new HashMap<>();
                        for (PersonRow p : persons) {
                            if (ids.contains(p.id())) {
                                keys.computeIfAbsent(p.id(), k -> new LinkedHashSet<>()).addAll(MatchingService.keysOf(p));
                            }
                            if (p.mergedInto() != null && ids.contains(p.mergedInto())) {
                                keys.computeIfAbsent(p.mergedInto(), k -> new LinkedHashSet<>())
                                        .addAll(MatchingService.keysOf(p));
                            }
                        }
                        List<String> keyColumn = new ArrayList<>();
                        List<UUID> personColumn = new ArrayList<>();
                        keys.forEach((person, set) -> set.forEach(k -> {
                            keyColumn.add(k);
                            personColumn.add(person);
                        }));
                        UUID[] idArray = ids.toArray(UUID[]::new);
                        return conn.preparedQuery("DELETE FROM match_key WHERE person_id = ANY($1)").execute(Tuple.of(idArray))
                                .chain(() -> conn.preparedQuery("INSERT INTO match_key (key, person_id)"
                                        + " SELECT * FROM unnest($1::varchar[], $2::uuid[]) ON CONFLICT DO NOTHING")
                                        .execute(Tuple.of(keyColumn.toArray(String[]::new), personColumn.toArray(UUID[]::new))))
                                .chain(() -> conn.preparedQuery("UPDATE person SET key_version = $1 WHERE id = ANY($2)")
                                        .execute(Tuple.of((short) Normaliser.VERSION, idArray)))
                                .invoke(() -> rekeyed.increment(ids.size()))
                                .replaceWith(java.util.Optional.of(last));
                    });
                }));
    }
}
