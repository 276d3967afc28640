package org.ancconnect.commons.db;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

/**
 * Creates the service's own PostgreSQL database when it does not exist yet, before anything connects
 * to it.
 *
 * <p>Why a config source factory: Quarkus runs Flyway and Hibernate's schema validation while the
 * application starts, before any {@code StartupEvent} observer, and both need the database to exist.
 * Configuration is the one thing built earlier, so this factory contributes no properties and only
 * makes sure the database named by {@code quarkus.datasource.jdbc.url} exists. It is idempotent and
 * safe when several replicas start at once (a concurrent creation is treated as success). It never
 * fails configuration: if PostgreSQL cannot be reached here, the datasource's own error and readiness
 * check report it moments later with full context. Turn it off with
 * {@code anc.datasource.create-database=false} where the database is provisioned by other means.
 *
 * <p>Only the process that migrates creates the database. A pod started by the Helm chart runs with
 * {@code quarkus.flyway.active=false} after the Flyway init-task Job (the same image, Flyway active) has
 * created and migrated it, so the pod skips this: otherwise every pod start opened a JDBC connection to
 * the {@code postgres} database on the main thread before the service could be live (identity-service,
 * JFR at start: the main thread parked ~40 ms on the connection, plus the driver's CPU).
 */
public class DatabaseCreatingConfigSourceFactory implements ConfigSourceFactory {

    private static final Logger LOG = Logger.getLogger(DatabaseCreatingConfigSourceFactory.class);
    private static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^/]+)/([^?]+)(\\?.*)?$");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    /** SQLSTATEs of a database created concurrently by another replica: duplicate_database, unique_violation. */
    private static final List<String> ALREADY_EXISTS = List.of("42P04", "23505");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        // Configuration is also read while the application is built (augmentation, ExecutionMode UNSET):
        // a build must never create databases, only a starting application may.
        if (ExecutionMode.current() != ExecutionMode.UNSET) {
            ensureConfiguredDatabase(name -> valueOf(context, name));
        }
        return List.of();
    }

    /**
     * Creates the database of {@code quarkus.datasource.jdbc.url} if missing, unless turned off or this process
     * does not migrate ({@code quarkus.flyway.active=false}); returns true when this call created it.
     */
    static boolean ensureConfiguredDatabase(Function<String, String> config) {
        if ("false".equalsIgnoreCase(config.apply("anc.datasource.create-database"))
                || "false".equalsIgnoreCase(config.apply("quarkus.flyway.active"))) {
            return false;
        }
        String url = config.apply("quarkus.datasource.jdbc.url");
        return url != null && ensureDatabase(url, config.apply("quarkus.datasource.username"),
                config.apply("quarkus.datasource.password"));
    }

    /** Creates the database of {@code jdbcUrl} if missing; returns true when this call created it. */
    public static boolean ensureDatabase(String jdbcUrl, String user, String password) {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches()) {
            return false;
        }
        String database = m.group(2);
        if (!SAFE_NAME.matcher(database).matches()) {
            LOG.warnf("Not creating database '%s': the name is not a plain SQL identifier", database);
            return false;
        }
        String adminUrl = "jdbc:postgresql://" + m.group(1) + "/postgres" + (m.group(3) == null ? "" : m.group(3));
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "3");
        props.setProperty("loginTimeout", "3");
        try (Connection c = DriverManager.getConnection(adminUrl, props)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE \"" + database + "\"");
                LOG.infof("Created PostgreSQL database %s", database);
                return true;
            } catch (SQLException e) {
                if (ALREADY_EXISTS.contains(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Could not check or create database %s: %s", database, e.getMessage());
            return false;
        }
    }

    private static String valueOf(ConfigSourceContext context, String name) {
        ConfigValue v = context.getValue(name);
        return v == null ? null : v.getValue();
    }
}
