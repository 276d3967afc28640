package org.ancconnect.fhirserver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The launcher's settings: each one from a command-line flag, else an environment variable, else a
 * default that suits a developer's machine (the machine's PostgreSQL, trust auth).
 *
 * @param host          interface to bind; loopback by default because this is a dev/test stand-in
 * @param port          HTTP port; 0 binds a free port (pair with {@code urlFile})
 * @param database      which database backs the JPA store
 * @param jdbcUrl       PostgreSQL JDBC URL (ignored for H2); the database in it is created if missing
 * @param dbUser        PostgreSQL user
 * @param dbPassword    PostgreSQL password
 * @param h2Directory   directory of the H2 file database
 * @param dbPoolSize    JDBC connection pool size
 * @param nehrPackage   the NEHR IG package (.tgz) to install at start, empty to start without it
 * @param urlFile       file to write the base URL to once the server serves requests
 * @param logRequests   one log line per HTTP request
 */
public record ServerOptions(
        String host,
        int port,
        Database database,
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        Path h2Directory,
        int dbPoolSize,
        Optional<Path> nehrPackage,
        Optional<Path> urlFile,
        boolean logRequests) {

    /** The JPA store's database. */
    public enum Database { POSTGRES, H2 }

    static final String PACKAGE_FILE = "lk-nehr-fhir-ips.r4-0.1.0.tgz";

    static final String USAGE = """
            Usage: fhir-server.sh [flags]   (each flag also reads the environment variable shown)
              --host HOST            interface to bind                    FHIR_SERVER_HOST      [127.0.0.1]
              --port N               HTTP port, 0 = any free port         FHIR_SERVER_PORT      [8090]
              --db postgres|h2       JPA store database                   FHIR_SERVER_DB        [postgres]
              --jdbc-url URL         PostgreSQL URL (db created if absent) FHIR_SERVER_JDBC_URL [jdbc:postgresql://127.0.0.1:5432/anc_nehr]
              --db-user USER         PostgreSQL user                      FHIR_SERVER_DB_USER   [postgres]
              --db-password PW       PostgreSQL password                  FHIR_SERVER_DB_PASSWORD []
              --h2-dir DIR           H2 database directory (--db h2)      FHIR_SERVER_H2_DIR    [infra/fhir-server/target/fhir-h2]
              --db-pool-size N       JDBC connection pool size            FHIR_SERVER_DB_POOL_SIZE [20]
              --package FILE|none    NEHR IG package to install           FHIR_SERVER_PACKAGE   [<repo>/../shared/fhir/%s]
              --url-file FILE        write the base URL here when ready   FHIR_SERVER_URL_FILE
              --log-requests         log one line per request             FHIR_SERVER_LOG_REQUESTS [false]
              --help                 print this text
            """.formatted(PACKAGE_FILE);

    /** Thrown for a bad flag or value; the message is meant for the person who typed the command. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    /** Parses {@code args} (as {@code --flag value} or {@code --flag=value}) over the process environment. */
    public static ServerOptions parse(String[] args) {
        return parse(args, System::getenv, Path.of(System.getProperty("user.dir")));
    }

    static ServerOptions parse(String[] args, Function<String, String> env, Path workingDir) {
        Map<String, String> flags = readFlags(args);
        Settings s = new Settings(flags, env);

        Database database = switch (s.get("db", "postgres").toLowerCase(Locale.ROOT)) {
            case "postgres", "postgresql" -> Database.POSTGRES;
            case "h2" -> Database.H2;
            default -> throw new UsageException("--db must be 'postgres' or 'h2', got '" + s.get("db", "") + "'");
        };
        String jdbcUrl = s.get("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/anc_nehr");
        if (database == Database.POSTGRES && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new UsageException("--jdbc-url must be a PostgreSQL URL (jdbc:postgresql://host:port/db), got " + jdbcUrl);
        }
        String packageSetting = s.get("package", null);
        Optional<Path> nehrPackage;
        if ("none".equalsIgnoreCase(packageSetting)) {
            nehrPackage = Optional.empty();
        } else {
            Path pkg = packageSetting != null
                    ? workingDir.resolve(packageSetting)
                    : RepoLocator.findRepoRoot(workingDir)
                            .map(root -> root.resolve("../shared/fhir").resolve(PACKAGE_FILE).normalize())
                            .orElseThrow(() -> new UsageException("Cannot find the NEHR IG package: no ANC Connect repo"
                                    + " root above " + workingDir + "; pass --package FILE (or FHIR_SERVER_PACKAGE)."));
            if (!Files.isRegularFile(pkg)) {
                throw new UsageException("NEHR IG package not found at " + pkg
                        + "; pass its path with --package FILE (or FHIR_SERVER_PACKAGE), or --package none to skip it.");
            }
            nehrPackage = Optional.of(pkg.toAbsolutePath().normalize());
        }
        return new ServerOptions(
                s.get("host", "127.0.0.1"),
                s.getInt("port", 8090, 0, 65535),
                database,
                jdbcUrl,
                s.get("db-user", "postgres"),
                s.get("db-password", ""),
                h2Directory(s.get("h2-dir", null), workingDir),
                s.getInt("db-pool-size", 20, 2, 500),
                nehrPackage,
                Optional.ofNullable(s.get("url-file", null)).map(f -> workingDir.resolve(f).toAbsolutePath()),
                Boolean.parseBoolean(s.get("log-requests", "false")));
    }

    /** The given directory, else the module's own target/ (ignored by git, removed by mvn clean). */
    private static Path h2Directory(String setting, Path workingDir) {
        Path dir = setting != null
                ? workingDir.resolve(setting)
                : RepoLocator.findRepoRoot(workingDir)
                        .map(root -> root.resolve("infra/fhir-server/target/fhir-h2"))
                        .orElse(workingDir.resolve("target/fhir-h2"));
        return dir.toAbsolutePath().normalize();
    }

    /** Flags that take no value. */
    private static final Set<String> SWITCHES = Set.of("log-requests", "help");

    private static Map<String, String> readFlags(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("Unexpected argument '" + arg + "'\n" + USAGE);
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (SWITCHES.contains(name)) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("--" + name + " needs a value\n" + USAGE);
            }
            if (!USAGE.contains("--" + name + " ")) {
                throw new UsageException("Unknown flag --" + name + "\n" + USAGE);
            }
            flags.put(name, value);
        }
        return flags;
    }

    /** Flag, else FHIR_SERVER_* environment variable, else default. */
    private record Settings(Map<String, String> flags, Function<String, String> env) {
        String get(String flag, String defaultValue) {
            String fromFlag = flags.get(flag);
            if (fromFlag != null) {
                return fromFlag;
            }
            String fromEnv = env.apply("FHIR_SERVER_" + flag.toUpperCase(Locale.ROOT).replace('-', '_'));
            return fromEnv != null && !fromEnv.isBlank() ? fromEnv : defaultValue;
        }

        int getInt(String flag, int defaultValue, int min, int max) {
            String raw = get(flag, Integer.toString(defaultValue));
            try {
                int value = Integer.parseInt(raw.trim());
                if (value < min || value > max) {
                    throw new UsageException("--" + flag + " must be between " + min + " and " + max + ", got " + value);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new UsageException("--" + flag + " must be a number, got '" + raw + "'");
            }
        }
    }

    static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }
}
