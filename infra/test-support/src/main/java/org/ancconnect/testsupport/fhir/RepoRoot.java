package org.ancconnect.testsupport.fhir;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the ANC Connect repository root from a test JVM. */
public final class RepoRoot {

    private RepoRoot() {
    }

    /**
     * The {@code anc.root} system property (surefire sets it from the root pom), else the nearest
     * directory at or above {@code user.dir} holding both a pom.xml and infra/fhir-server.
     */
    public static Path find() {
        String property = System.getProperty("anc.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("infra/fhir-server"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the ANC Connect repository root above "
                + System.getProperty("user.dir") + "; set -Danc.root=/path/to/repo");
    }
}
