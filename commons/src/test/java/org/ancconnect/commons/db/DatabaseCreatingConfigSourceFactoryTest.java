package org.ancconnect.commons.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Runs against the machine's PostgreSQL (ANC_PG_HOST/ANC_PG_PORT, default 127.0.0.1:5432). */
class DatabaseCreatingConfigSourceFactoryTest {

    private static final String SERVER = System.getenv().getOrDefault("ANC_PG_HOST", "127.0.0.1") + ":"
            + System.getenv().getOrDefault("ANC_PG_PORT", "5432");
    private static final String USER = System.getenv().getOrDefault("ANC_PG_USER", "postgres");
    private static final String DB = "anc_commons_create_test";

    @Test
    void createsAMissingDatabaseOnceEvenWhenReplicasRace() throws Exception {
        drop();
        String url = "jdbc:postgresql://" + SERVER + "/" + DB;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> replicas = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                replicas.add(() -> DatabaseCreatingConfigSourceFactory.ensureDatabase(url, USER, null));
            }
            int created = 0;
            for (Future<Boolean> f : pool.invokeAll(replicas)) {
                created += f.get() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
            assertThat(exists()).isTrue();
            assertThat(DatabaseCreatingConfigSourceFactory.ensureDatabase(url, USER, null)).isFalse();
        } finally {
            pool.shutdown();
            drop();
        }
    }

    @Test
    void leavesTheDatabaseToTheMigrationWhenThisProcessDoesNotMigrate() throws Exception {
        drop();
        String url = "jdbc:postgresql://" + SERVER + "/" + DB;
        try {
            // A pod whose init-task Job migrates (QUARKUS_FLYWAY_ACTIVE=false): the Job created the database.
            assertThat(DatabaseCreatingConfigSourceFactory.ensureConfiguredDatabase(Map.of(
                    "quarkus.datasource.jdbc.url", url, "quarkus.datasource.username", USER,
                    "quarkus.flyway.active", "false")::get)).isFalse();
            assertThat(exists()).isFalse();
            assertThat(DatabaseCreatingConfigSourceFactory.ensureConfiguredDatabase(Map.of(
                    "quarkus.datasource.jdbc.url", url, "quarkus.datasource.username", USER,
                    "anc.datasource.create-database", "false")::get)).isFalse();
            assertThat(exists()).isFalse();
            // The process that migrates (the init-task Job, dev, tests) creates it.
            assertThat(DatabaseCreatingConfigSourceFactory.ensureConfiguredDatabase(Map.of(
                    "quarkus.datasource.jdbc.url", url, "quarkus.datasource.username", USER)::get)).isTrue();
            assertThat(exists()).isTrue();
        } finally {
            drop();
        }
    }

    @Test
    void refusesNamesThatAreNotPlainIdentifiers() {
        assertThat(DatabaseCreatingConfigSourceFactory.ensureDatabase(
                "jdbc:postgresql://" + SERVER + "/x\";drop", USER, null)).isFalse();
    }

    private static boolean exists() throws Exception {
        try (Connection c = admin(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DB + "'")) {
            return rs.next();
        }
    }

    private static void drop() throws Exception {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB);
        }
    }

    private static Connection admin() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres", USER, null);
    }
}
