package org.ancconnect.fhirserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerOptionsTest {

    @TempDir
    Path dir;

    private ServerOptions parse(Map<String, String> env, String... args) {
        return ServerOptions.parse(args, env::get, dir);
    }

    private Path packageFile() throws IOException {
        return Files.writeString(dir.resolve("ig.tgz"), "not read by the parser");
    }

    @Test
    void defaultsSuitADeveloperMachine() throws IOException {
        ServerOptions o = parse(Map.of(), "--package", packageFile().toString());

        assertEquals("127.0.0.1", o.host());
        assertEquals(8090, o.port());
        assertEquals(ServerOptions.Database.POSTGRES, o.database());
        assertEquals("jdbc:postgresql://127.0.0.1:5432/anc_nehr", o.jdbcUrl());
        assertEquals("postgres", o.dbUser());
        assertTrue(o.urlFile().isEmpty());
        assertFalse(o.logRequests());
    }

    @Test
    void flagsWinOverEnvironmentWhichWinsOverDefaults() throws IOException {
        Map<String, String> env = Map.of("FHIR_SERVER_PORT", "9000", "FHIR_SERVER_DB", "h2",
                "FHIR_SERVER_H2_DIR", "from-env");
        ServerOptions o = parse(env, "--port=0", "--package", packageFile().toString(), "--log-requests",
                "--url-file", "url.txt");

        assertEquals(0, o.port());
        assertEquals(ServerOptions.Database.H2, o.database());
        assertEquals(dir.resolve("from-env"), o.h2Directory());
        assertEquals(dir.resolve("url.txt"), o.urlFile().orElseThrow());
        assertTrue(o.logRequests());
    }

    @Test
    void missingPackageNamesThePathAndTheFlag() {
        var e = assertThrows(ServerOptions.UsageException.class,
                () -> parse(Map.of(), "--package", "nowhere/ig.tgz"));

        assertTrue(e.getMessage().contains(dir.resolve("nowhere/ig.tgz").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("--package"), e.getMessage());
    }

    @Test
    void packageNoneStartsWithoutTheIg() {
        assertTrue(parse(Map.of(), "--package", "none").nehrPackage().isEmpty());
    }

    @Test
    void badValuesAreRejectedWithTheFlagName() {
        assertThrows(ServerOptions.UsageException.class, () -> parse(Map.of(), "--package", "none", "--port", "x"));
        assertThrows(ServerOptions.UsageException.class, () -> parse(Map.of(), "--package", "none", "--db", "oracle"));
        assertThrows(ServerOptions.UsageException.class, () -> parse(Map.of(), "--package", "none", "--jdbc-url",
                "jdbc:mysql://x/y"));
        var unknown = assertThrows(ServerOptions.UsageException.class, () -> parse(Map.of(), "--prot", "1"));
        assertTrue(unknown.getMessage().startsWith("Unknown flag --prot"), unknown.getMessage());
    }
}
