package org.ancconnect.phn.matching;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ancconnect.phn.PhnConfig;
import org.ancconnect.phn.registry.PersonRow;
import org.ancconnect.phn.registry.RegistryRepository;
import org.jboss.logging.Logger;

/**
 * The probabilistic tier: blocking query, Fellegi–Sunter scoring of every candidate, and the decision.
 * Preparing and scoring a candidate set is CPU work that grows with the set (hundreds of candidates for
 * common names at national scale), so it runs on a worker thread and never holds the event loop; the
 * result comes back on the request's context, so the transaction and the trace context continue there.
 */
@ApplicationScoped
public class MatchingService {

    private static final Logger LOG = Logger.getLogger(MatchingService.class);

    /**
     * Below this many name forms the registry's own frequencies are noise (a name seen twice in ten is not
     * "common"), so the estimated average u is used instead.
     */
    private static final int MIN_NAMES_FOR_FREQUENCIES = 10_000;

    private final RegistryRepository registry;
    private final Pool pool;
    private final Vertx vertx;
    private final FellegiSunterScorer scorer;
    private final MatchDecider decider;
    private final int perKey;
    private final int smallBlock;
    private final Timer scoring;
    private volatile TermFrequencies frequencies = TermFrequencies.NONE;

    public MatchingService(PhnConfig config, RegistryRepository registry, Pool pool, Vertx vertx,
            MeterRegistry meters) {
        this.registry = registry;
        this.pool = pool;
        this.vertx = vertx;
        this.scorer = new FellegiSunterScorer(MatchParameters.load(config.matching().parameters()));
        this.decider = new MatchDecider(MatchDecider.Thresholds.of(config.matching()));
        this.perKey = config.matching().candidatesPerKey();
        this.smallBlock = config.matching().smallBlock();
        this.scoring = meters.timer("phn.matching.scoring");
        LOG.infof("Matching parameters %s loaded (normaliser v%d)", scorer.parameters().version(), Normaliser.VERSION);
    }

    /** The outcome with every scored candidate and their golden records, for explanations. */
    public record Result(MatchDecider.Decision<UUID> decision, List<MatchDecider.Candidate<UUID>> scored,
            Map<UUID, PersonRow> persons, String parametersVersion) {
    }

    /**
     * Scores {@code incoming} against the registry. {@code claimedPerson} is a person the record claims to be
     * (a presented PHN): persons a human marked as different from her are flagged for the do-not-link guard.
     */
    public Uni<Result> match(SqlClient conn, MatchRecord incoming, UUID claimedPerson) {
        Prepared prepared = Normaliser.prepare(incoming);
        return registry.candidates(conn, BlockingKeys.of(prepared), perKey, smallBlock)
                .chain(persons -> registry.doNotLink(conn, claimedPerson, persons.stream().map(PersonRow::id).toList())
                        .chain(excluded -> vertx.executeBlocking(
                                Uni.createFrom().item(() -> decide(prepared, persons, excluded)), false)));
    }

    /** Blocking keys a person is indexed under. */
    public static Set<String> keysOf(PersonRow person) {
        return BlockingKeys.of(Normaliser.prepare(person.toMatchRecord()));
    }

    /** Compares two records field by field with the registry's parameters (side-by-side view). */
    public MatchScore compare(MatchRecord a, MatchRecord b) {
        return scorer.score(Normaliser.prepare(a), Normaliser.prepare(b), frequencies);
    }

    private Result decide(Prepared prepared, List<PersonRow> persons, Set<UUID> excluded) {
        long start = System.nanoTime();
        List<MatchDecider.Candidate<UUID>> candidates = new ArrayList<>(persons.size());
        Map<UUID, PersonRow> byId = new HashMap<>();
        TermFrequencies tf = frequencies;
        for (PersonRow p : persons) {
            Prepared other = Normaliser.prepare(p.toMatchRecord());
            MatchScore s = scorer.score(prepared, other, tf);
            boolean nicAgrees = s.level(Field.OTHER_ID) == 1;
            boolean nicDisagrees = s.level(Field.OTHER_ID) == Field.OTHER_ID.disagree();
            candidates.add(new MatchDecider.Candidate<>(p.id(), s, excluded.contains(p.id()), nicDisagrees, nicAgrees,
                    FieldComparisons.birthYearGap(prepared, other)));
            byId.put(p.id(), p);
        }
        MatchDecider.Decision<UUID> decision = decider.decide(candidates);
        scoring.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        return new Result(decision, candidates, byId, scorer.parameters().version());
    }

    /**
     * Refreshes name frequencies from the registry; matching keeps the previous table if this fails. Given
     * and family names are counted separately (two GROUP BYs over a few thousand distinct values each),
     * not as pairs: at 1M persons the pairs are hundreds of thousands of rows to fold in Java.
     */
    @Scheduled(every = "{phn.matching.term-frequency-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refreshFrequencies() {
        return counts("SELECT given_names, count(*) FROM person_name GROUP BY given_names", true)
                .chain(given -> counts("SELECT family_name, count(*) FROM person_name GROUP BY family_name", false)
                        .invoke(family -> {
                            double total = given.values().stream().mapToDouble(Double::doubleValue).sum();
                            if (total < MIN_NAMES_FOR_FREQUENCIES) {
                                frequencies = TermFrequencies.NONE;
                                return;
                            }
                            given.replaceAll((k, v) -> v / total);
                            family.replaceAll((k, v) -> v / total);
                            frequencies = new TermFrequencies(given, family);
                        }))
                .onFailure().invoke(e -> LOG.warnf("Name frequency refresh failed, keeping the previous table: %s",
                        e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Name form counts by folded main given name or folded family name. */
    private Uni<Map<String, Double>> counts(String sql, boolean given) {
        return pool.query(sql).execute().map(rows -> {
            Map<String, Double> counts = new HashMap<>();
            for (var r : rows) {
                MatchRecord.Name name = given ? new MatchRecord.Name(r.getString(0), "") : new MatchRecord.Name("", r.getString(0));
                Prepared p = Normaliser.prepare(new MatchRecord(List.of(name), null, false, null, null, null, null, null,
                        null, null, null, null));
                if (!p.names().isEmpty()) {
                    String key = given ? p.names().get(0).main() : p.names().get(0).family();
                    counts.merge(key, (double) r.getLong(1), Double::sum);
                }
            }
            return counts;
        });
    }
}
