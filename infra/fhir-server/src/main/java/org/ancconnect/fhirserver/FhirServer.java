package org.ancconnect.fhirserver;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * A running NEHR FHIR server: database, HAPI's JPA context, the NEHR IG and Jetty, started in that
 * order so that the HTTP port opens only when every request can be served.
 */
public final class FhirServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FhirServer.class);

    private final ServerOptions options;
    private final BasicDataSource dataSource;
    private final AnnotationConfigApplicationContext context;
    private final Server jetty;
    private final URI baseUrl;

    private FhirServer(ServerOptions options, BasicDataSource dataSource, AnnotationConfigApplicationContext context,
                       Server jetty, URI baseUrl) {
        this.options = options;
        this.dataSource = dataSource;
        this.context = context;
        this.jetty = jetty;
        this.baseUrl = baseUrl;
    }

    /** Starts everything and returns once the server is ready; on failure, whatever started is stopped again. */
    public static FhirServer start(ServerOptions options) throws Exception {
        BasicDataSource dataSource = DatabaseSetup.createDataSource(options);
        AnnotationConfigApplicationContext context = null;
        Server jetty = null;
        try {
            SchemaMigration.migrate(dataSource, options.database());

            context = new AnnotationConfigApplicationContext();
            context.registerBean(ServerOptions.class, () -> options);
            context.registerBean("dataSource", DataSource.class, () -> dataSource);
            context.register(FhirJpaConfig.class);
            context.refresh();

            PhnUniqueness.install(context);
            if (options.nehrPackage().isPresent()) {
                NehrPackageInstaller.install(context.getBean(IPackageInstallerSvc.class),
                        context.getBean(IValidationSupport.class), options.nehrPackage().get());
            } else {
                LOG.warn("Started without the NEHR IG (--package none): profile validation will not know NEHR profiles");
            }

            jetty = createJetty(options, NehrRestfulServerFactory.create(context, options), dataSource);
            jetty.start();
            int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
            URI baseUrl = URI.create("http://" + urlHost(options.host()) + ":" + port + "/fhir");
            selfCheck(baseUrl);
            return new FhirServer(options, dataSource, context, jetty, baseUrl);
        } catch (Exception | Error e) {
            stopQuietly(jetty, context, dataSource);
            throw e;
        }
    }

    private static Server createJetty(ServerOptions options, RestfulServer fhir, DataSource dataSource) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(options.host());
        connector.setPort(options.port());
        server.addConnector(connector);

        ServletContextHandler handler = new ServletContextHandler();
        handler.setContextPath("/");
        ServletHolder fhirHolder = new ServletHolder("fhir", fhir);
        // Initialise HAPI's servlet (provider scan, capability statement) during start, not on the first request.
        fhirHolder.setInitOrder(1);
        handler.addServlet(fhirHolder, "/fhir/*");
        handler.addServlet(new ServletHolder("health", new HealthServlet(dataSource)), "/health");
        server.setHandler(handler);
        // Let in-flight requests finish on shutdown (tests stop the server right after their last call).
        server.setStopTimeout(5_000);
        return server;
    }

    /**
     * One real request through Jetty and HAPI before anyone is told the server is ready. It also pays
     * for building the capability statement (all search parameters of all types), which otherwise
     * costs the first client 3-15 s on a 2-core machine.
     */
    private static void selfCheck(URI baseUrl) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/metadata")).timeout(Duration.ofSeconds(120))
                            .header("Accept", "application/fhir+json").GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Self-check GET " + baseUrl + "/metadata answered HTTP "
                        + response.statusCode());
            }
        }
    }

    /** A wildcard bind address is not something a client can connect to; loopback is on every machine. */
    private static String urlHost(String host) {
        return switch (host) {
            case "0.0.0.0", "::", "" -> "127.0.0.1";
            default -> host.contains(":") ? "[" + host + "]" : host;
        };
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Writes the base URL to {@code file} atomically (temp file + move), so a reader polling for the
     * file never sees half a URL.
     */
    public void writeUrlFile(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, baseUrl + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the URL file " + file, e);
        }
    }

    @Override
    public void close() {
        LOG.info("Stopping FHIR server at {}", baseUrl);
        options.urlFile().ifPresent(f -> {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                LOG.warn("Cannot delete URL file {}: {}", f, e.getMessage());
            }
        });
        stopQuietly(jetty, context, dataSource);
    }

    private static void stopQuietly(Server jetty, AnnotationConfigApplicationContext context, BasicDataSource ds) {
        if (jetty != null) {
            try {
                jetty.stop();
            } catch (Exception e) {
                LOG.warn("Jetty did not stop cleanly: {}", e.toString());
            }
        }
        if (context != null) {
            context.close();
        }
        try {
            ds.close();
        } catch (Exception e) {
            LOG.warn("Connection pool did not close cleanly: {}", e.toString());
        }
    }
}
