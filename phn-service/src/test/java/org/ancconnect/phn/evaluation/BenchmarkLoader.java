package org.ancconnect.phn.evaluation;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ancconnect.phn.issuance.CheckAlgorithm;
import org.ancconnect.phn.issuance.IssuanceConfig;
import org.ancconnect.phn.issuance.PhnFormat;
import org.ancconnect.phn.matching.BlockingKeys;
import org.ancconnect.phn.matching.MatchRecord;
import org.ancconnect.phn.matching.Normaliser;
import org.ancconnect.phn.registration.NicCheck;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads the first registration of every synthetic person straight into the registry tables with COPY
 * (persons, names, PHN and NIC identifiers, blocking keys), under the benchmark-only POI {@code BNCH} so
 * loaded PHNs can never collide with issued ones. Batches of 50 000 persons keep memory flat.
 */
final class BenchmarkLoader {

    static final String POI = "BNCH";
    private static final int BATCH = 50_000;

    private BenchmarkLoader() {
    }

    /**
     * A connection through the PostgreSQL driver itself: under {@code mvn exec:java} the test class path lives
     * in a class loader {@code DriverManager} does not search ("No suitable driver").
     */
    static Connection connect(String jdbcUrl) throws SQLException {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", "postgres");
        props.setProperty("password", "");
        return new org.postgresql.Driver().connect(jdbcUrl, props);
    }

    /** Persons keyed by the running normaliser, -1 when the database does not exist yet, 0 when it is unusable. */
    static long count(String jdbcUrl) {
        // Persons keyed by another normaliser version do not count: the registry is reloaded.
        try (Connection c = connect(jdbcUrl);
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM person WHERE key_version = "
                        + Normaliser.VERSION)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            // No database yet (the first instance creates it); any other failure (a schema before key versions):
            // nothing usable, reload.
            return "3D000".equals(e.getSQLState()) ? -1 : 0;
        }
    }

    /** Drops the benchmark database; the first instance recreates it (Flyway) before the load. */
    static void drop(String db) throws SQLException {
        try (Connection c = connect("jdbc:postgresql://127.0.0.1:5432/postgres")) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    static void load(String jdbcUrl, List<LabelledRecord> records, String nicKey) throws SQLException, IOException {
        PhnFormat format = new PhnFormat(defaults());
        try (Connection c = connect(jdbcUrl)) {
            // About 14 keys per person: maintaining the btrees and the foreign key row by row during COPY is
            // most of the load time; building them once afterwards, by sorting, is several times faster.
            c.createStatement().execute("ALTER TABLE match_key DROP CONSTRAINT match_key_person_id_fkey,"
                    + " DROP CONSTRAINT match_key_pkey");
            c.createStatement().execute("DROP INDEX match_key_person");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder persons = new StringBuilder();
            StringBuilder names = new StringBuilder();
            StringBuilder ids = new StringBuilder();
            StringBuilder keys = new StringBuilder();
            long n = 0;
            for (LabelledRecord r : records) {
                if (!r.id().endsWith("-0")) {
                    continue;
                }
                MatchRecord m = r.record();
                UUID id = UUID.randomUUID();
                String phn = format.compose(POI, format.encodeBody(n)).value();
                String nicHash = m.otherId() == null ? null : NicCheck.hash(m.otherId(), nicKey);
                String dob = m.birthDate().substring(0, 4) + "-" + m.birthDate().substring(4, 6) + "-"
                        + m.birthDate().substring(6, 8);
                MatchRecord.Name name = m.names().get(0);
                persons.append(String.join("\t", id.toString(), phn, "ACTIVE", name.given(), name.family(), dob, "f",
                        "female", nz(m.phone()), nz(m.addressLine()), nz(m.district()), nz(nicHash), "t",
                        "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", String.valueOf(Normaliser.VERSION))).append('\n');
                names.append(id).append('\t').append(name.given()).append('\t').append(name.family())
                        .append("\t2026-01-01T00:00:00Z\n");
                ids.append("PHN\t").append(phn).append('\t').append(id).append("\t2026-01-01T00:00:00Z\n");
                if (nicHash != null) {
                    ids.append("NIC_HASH\t").append(nicHash).append('\t').append(id).append("\t2026-01-01T00:00:00Z\n");
                }
                MatchRecord stored = new MatchRecord(m.names(), dob, false, "female", m.phone(), null, m.addressLine(),
                        null, null, m.district(), null, nicHash);
                for (String k : BlockingKeys.of(Normaliser.prepare(stored))) {
                    keys.append(k).append('\t').append(id).append('\n');
                }
                if (++n % BATCH == 0) {
                    flush(copy, persons, names, ids, keys);
                    System.out.printf("  loaded %d persons%n", n);
                }
            }
            flush(copy, persons, names, ids, keys);
            System.out.println("  building the blocking-key indexes");
            c.createStatement().execute("SET maintenance_work_mem = '1GB'");
            c.createStatement().execute("ALTER TABLE match_key ADD PRIMARY KEY (key, person_id)");
            c.createStatement().execute("CREATE INDEX match_key_person ON match_key (person_id)");
            c.createStatement().execute("ALTER TABLE match_key ADD FOREIGN KEY (person_id) REFERENCES person (id)");
            // VACUUM, not only ANALYZE: it sets the visibility map, without which the blocking query's scans of
            // match_key cannot be index-only (one heap page per candidate row; autovacuum is off on this machine's
            // server), and sets the hint bits that the first reads of freshly copied rows would otherwise write.
            c.createStatement().execute("VACUUM (ANALYZE)");
            System.out.printf("  loaded %d persons%n", n);
        }
    }

    private static void flush(CopyManager copy, StringBuilder persons, StringBuilder names, StringBuilder ids,
            StringBuilder keys) throws SQLException, IOException {
        copy.copyIn("COPY person (id, phn, status, given_names, family_name, birth_date, birth_date_estimated, sex,"
                + " phone, address_line, address_district, nic_hash, test, created_at, updated_at, key_version) FROM STDIN",
                new StringReader(persons.toString()));
        copy.copyIn("COPY person_name (person_id, given_names, family_name, first_seen) FROM STDIN",
                new StringReader(names.toString()));
        copy.copyIn("COPY identifier (system, value, person_id, created_at) FROM STDIN", new StringReader(ids.toString()));
        copy.copyIn("COPY match_key (key, person_id) FROM STDIN", new StringReader(keys.toString()));
        persons.setLength(0);
        names.setLength(0);
        ids.setLength(0);
        keys.setLength(0);
    }

    private static String nz(String s) {
        return s == null ? "\\N" : s;
    }

    static IssuanceConfig defaults() {
        return new IssuanceConfig() {
            @Override public String alphabet() { return "23456789BCDFGHJKMNPQRSTVWXYZ"; }
            @Override public int poiLength() { return 4; }
            @Override public int bodyLength() { return 6; }
            @Override public String separator() { return "-"; }
            @Override public CheckAlgorithm checkAlgorithm() { return CheckAlgorithm.MODIFIED_LUHN; }
            @Override public String defaultPoi() { return "CMBT"; }
            @Override public String testPoi() { return "TSTX"; }
            @Override public Map<String, String> facilityPoi() { return Map.of(); }
            @Override public Optional<String> permutationKey() { return Optional.empty(); }
            @Override public double capacityWarningRatio() { return 0.8; }
        };
    }
}
