package org.ancconnect.fhirserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command-line entry point of the NEHR stand-in. Exit codes: 0 after a normal shutdown, 2 for bad
 * flags, 1 when the server could not start.
 */
public final class FhirServerMain {

    private static final Logger LOG = LoggerFactory.getLogger(FhirServerMain.class);

    private FhirServerMain() {
    }

    public static void main(String[] args) {
        if (ServerOptions.wantsHelp(args)) {
            System.out.print(ServerOptions.USAGE);
            return;
        }
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (ServerOptions.UsageException e) {
            System.err.println("fhir-server: " + e.getMessage());
            System.exit(2);
            return;
        }
        // A URL file left by an earlier run would tell a waiting test the server is ready before it is.
        options.urlFile().ifPresent(f -> {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the stale URL file " + f, e);
            }
        });

        long started = System.nanoTime();
        String db = options.database() == ServerOptions.Database.H2
                ? "H2 " + options.h2Directory() : options.jdbcUrl();
        LOG.info("Starting NEHR FHIR server (R4) on {} ...", db);
        FhirServer server;
        try {
            server = FhirServer.start(options);
        } catch (Exception | Error e) {
            LOG.error("FHIR server failed to start: {}", e.toString(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fhir-server-shutdown"));
        options.urlFile().ifPresent(server::writeUrlFile);
        Runtime rt = Runtime.getRuntime();
        LOG.info("NEHR FHIR server ready at {} in {} ms (heap used {} MB of max {} MB)",
                server.baseUrl(), (System.nanoTime() - started) / 1_000_000,
                (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
    }
}
