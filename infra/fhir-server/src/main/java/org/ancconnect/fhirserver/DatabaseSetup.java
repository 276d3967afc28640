package org.ancconnect.fhirserver;

import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.dbcp2.BasicDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prepares the JPA store's database (creating a missing PostgreSQL database) and its connection pool. */
final class DatabaseSetup {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSetup.class);

    /** host[:port]/database[?params]: the only URL shape we need to take apart to create the database. */
    private static final Pattern PG_URL = Pattern.compile("^jdbc:postgresql://([^/]+)/([^?]+)(\\?.*)?$");
    /** Plain identifiers only, so the name can go into CREATE DATABASE without quoting surprises. */
    private static final Pattern DB_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    /** PostgreSQL SQLSTATE duplicate_database: another process created it between our check and create. */
    private static final String DUPLICATE_DATABASE = "42P04";

    private DatabaseSetup() {
    }

    /** The Hibernate dialect class HAPI needs for this database. */
    static String dialectFor(ServerOptions.Database database) {
        return switch (database) {
            case POSTGRES -> HapiFhirPostgresDialect.class.getName();
            case H2 -> HapiFhirH2Dialect.class.getName();
        };
    }

    /** A pooled data source for the configured database, which exists when this returns. */
    static BasicDataSource createDataSource(ServerOptions options) {
        BasicDataSource ds = new BasicDataSource();
        switch (options.database()) {
            case POSTGRES -> {
                ensurePostgresDatabase(options);
                ds.setDriverClassName("org.postgresql.Driver");
                ds.setUrl(options.jdbcUrl());
                ds.setUsername(options.dbUser());
                ds.setPassword(options.dbPassword());
            }
            case H2 -> {
                try {
                    Files.createDirectories(options.h2Directory());
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot create the H2 directory " + options.h2Directory(), e);
                }
                ds.setDriverClassName("org.h2.Driver");
                // DB_CLOSE_ON_EXIT=FALSE: the launcher's shutdown hook closes the pool; H2's own hook would
                // close the database under requests still finishing.
                ds.setUrl("jdbc:h2:file:" + options.h2Directory().resolve("nehr") + ";DB_CLOSE_ON_EXIT=FALSE");
                ds.setUsername("sa");
                ds.setPassword("");
            }
        }
        ds.setMaxTotal(options.dbPoolSize());
        ds.setMaxIdle(options.dbPoolSize());
        // A request waiting this long for a connection is stuck; fail it rather than hang the client.
        ds.setMaxWait(Duration.ofSeconds(30));
        return ds;
    }

    private static void ensurePostgresDatabase(ServerOptions options) {
        Matcher m = PG_URL.matcher(options.jdbcUrl());
        if (!m.matches()) {
            throw new IllegalArgumentException("Cannot read the database name from --jdbc-url " + options.jdbcUrl()
                    + " (expected jdbc:postgresql://host:port/database)");
        }
        String name = m.group(2);
        if (!DB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Database name '" + name + "' in --jdbc-url is not a plain identifier");
        }
        // The maintenance database always exists; connect there to look for (and create) ours.
        String adminUrl = "jdbc:postgresql://" + m.group(1) + "/postgres" + (m.group(3) == null ? "" : m.group(3));
        try (Connection c = DriverManager.getConnection(adminUrl, options.dbUser(), options.dbPassword())) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
                LOG.info("Created PostgreSQL database {}", name);
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach PostgreSQL at " + adminUrl + " as '" + options.dbUser()
                    + "' to check/create database " + name + ": " + e.getMessage()
                    + " (set --jdbc-url/--db-user/--db-password, or use --db h2)", e);
        }
    }
}
