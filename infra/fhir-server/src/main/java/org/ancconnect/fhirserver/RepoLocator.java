package org.ancconnect.fhirserver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the ANC Connect repository root, which the default paths (e.g. {@code ../shared}) hang off. */
final class RepoLocator {

    private RepoLocator() {
    }

    /**
     * The {@code anc.root} system property when set (surefire sets it), else the nearest directory at or
     * above {@code start} holding both the root pom and {@code infra/fhir-server}: that pair tells the
     * suite's root from a module directory, which also has a pom.xml.
     */
    static Optional<Path> findRepoRoot(Path start) {
        String property = System.getProperty("anc.root");
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property).toAbsolutePath().normalize());
        }
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("infra/fhir-server"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
