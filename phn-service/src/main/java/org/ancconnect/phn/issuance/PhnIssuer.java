package org.ancconnect.phn.issuance;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.ancconnect.commons.problem.ProblemException;
import org.ancconnect.phn.PhnConfig;
import org.jboss.logging.Logger;

/**
 * Issues PHNs: the next value of the POI's PostgreSQL sequence, passed through the keyed
 * {@link BodyPermutation}, then encoded and given its check digit. Two replicas can never draw the same
 * sequence value, and a permutation never maps two values to one body, so issuance is collision-free
 * without retries; the unique constraint on identifiers is only a backstop. Each POI has its own
 * sequence bounded by the body space, so capacity is tracked per POI and exhaustion fails loudly.
 */
@ApplicationScoped
public class PhnIssuer {

    private static final Logger LOG = Logger.getLogger(PhnIssuer.class);

    /** Dev/test key only: well known, so refused in production. */
    private static final String DEV_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private final IssuanceConfig config;
    private final PhnFormat format;
    private final BodyPermutation permutation;
    private final Pool pool;
    private final MeterRegistry meters;

    public PhnIssuer(PhnConfig config, PhnFormat format, Pool pool, MeterRegistry meters) {
        this.config = config.issuance();
        this.format = format;
        this.pool = pool;
        this.meters = meters;
        String key = this.config.permutationKey().orElse(null);
        if (key == null) {
            if (LaunchMode.current() == LaunchMode.NORMAL) {
                throw new IllegalStateException("phn.issuance.permutation-key must be set in production");
            }
            key = DEV_KEY;
        }
        this.permutation = new BodyPermutation(HexFormat.of().parseHex(key), format.capacity());
    }

    /** Creates the sequence of every configured POI; an advisory lock keeps concurrent replicas from racing. */
    void createSequences(@Observes StartupEvent event) {
        Set<String> pois = new TreeSet<>(config.facilityPoi().values());
        pois.add(config.defaultPoi());
        pois.add(config.testPoi());
        pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(hashtext('phn-sequences'))").execute()
                .chain(() -> createAll(conn, pois)))
                .await().atMost(Duration.ofSeconds(30));
    }

    private Uni<Void> createAll(SqlClient conn, Set<String> pois) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String poi : pois) {
            // The POI was validated against the PHN alphabet, so it is safe inside an identifier.
            String sql = "CREATE SEQUENCE IF NOT EXISTS " + sequence(poi) + " AS bigint MINVALUE 0 START 0 MAXVALUE "
                    + (format.capacity() - 1) + " NO CYCLE";
            chain = chain.chain(() -> conn.query(sql).execute().replaceWithVoid());
        }
        return chain;
    }

    /** The POI of an issuing unit: its own if configured, else the default; the test POI for test records. */
    public String poiFor(String facility, boolean test) {
        if (test) {
            return config.testPoi();
        }
        return facility == null ? config.defaultPoi() : config.facilityPoi().getOrDefault(facility, config.defaultPoi());
    }

    /** Draws a new PHN for {@code poi} on {@code conn} (any connection: sequences ignore transactions). */
    public Uni<Phn> issue(SqlClient conn, String poi) {
        return conn.preparedQuery("SELECT nextval('" + sequence(poi) + "')").execute()
                .onFailure().transform(e -> e.getMessage() != null && e.getMessage().contains("reached maximum value")
                        ? new ProblemException(503, "phn-capacity-exhausted", "PHN capacity exhausted",
                                "Point of issue " + poi + " has issued every PHN its format allows")
                        : e)
                .map(rows -> rows.iterator().next().getLong(0))
                .map(seq -> {
                    warnNearCapacity(poi, seq);
                    meters.counter("phn.issued", "poi", poi).increment();
                    return format.compose(poi, format.encodeBody(permutation.permute(poi, seq)));
                });
    }

    /** Values already drawn for {@code poi}, for capacity reporting. */
    public Uni<Long> issuedCount(String poi) {
        return pool.preparedQuery("SELECT CASE WHEN is_called THEN last_value + 1 ELSE 0 END FROM " + sequence(poi))
                .execute().map(rows -> rows.iterator().next().getLong(0));
    }

    private void warnNearCapacity(String poi, long seq) {
        if (seq >= (long) (format.capacity() * config.capacityWarningRatio())) {
            LOG.warnf("Point of issue %s has used %d of %d PHNs (%.1f%%): plan a new POI", poi, seq + 1,
                    format.capacity(), 100.0 * (seq + 1) / format.capacity());
        }
    }

    private static String sequence(String poi) {
        return "phn_seq_" + poi.toLowerCase(Locale.ROOT);
    }
}
