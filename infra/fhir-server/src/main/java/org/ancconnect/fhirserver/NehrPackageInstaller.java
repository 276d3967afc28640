package org.ancconnect.fhirserver;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallOutcomeJson;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the NEHR IG package into the JPA server so {@code $validate?profile=...} resolves its
 * profiles, value sets and code systems from the server's own store.
 */
final class NehrPackageInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(NehrPackageInstaller.class);

    private NehrPackageInstaller() {
    }

    /**
     * Installs the package and then empties the validation caches: while the package's profiles were
     * being stored, lookups of profiles not stored yet were answered "not found" and cached, and a
     * {@code $validate} against them would otherwise fail with "Failed to retrieve profile" for minutes.
     */
    static void install(IPackageInstallerSvc installer, IValidationSupport validationSupport, Path packageFile) {
        byte[] contents;
        NpmPackage npm;
        try {
            contents = Files.readAllBytes(packageFile);
            // Name and version come from the package's own package.json, so a newer IG drops in by path.
            npm = NpmPackage.fromPackage(new ByteArrayInputStream(contents));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the NEHR IG package " + packageFile
                    + " (set it with --package FILE or FHIR_SERVER_PACKAGE)", e);
        }
        long started = System.nanoTime();
        PackageInstallationSpec spec = new PackageInstallationSpec()
                .setName(npm.name())
                .setVersion(npm.version())
                .setPackageContents(contents)
                .setInstallMode(PackageInstallationSpec.InstallModeEnum.STORE_AND_INSTALL)
                // Its dependencies (hl7.fhir.uv.ips and friends) live on packages.fhir.org, which these
                // machines cannot reach; core R4 comes with HAPI. IPS-derived elements validate against the
                // snapshots the NEHR package already carries.
                .setFetchDependencies(false);
        // Already installed (a restart on the same database): HAPI skips the resources, which keeps restarts fast.
        spec.setReloadExisting(false);
        PackageInstallOutcomeJson outcome = installer.install(spec);
        validationSupport.invalidateCaches();
        LOG.info("NEHR IG {}#{} installed in {} ms: {}", npm.name(), npm.version(),
                (System.nanoTime() - started) / 1_000_000, outcome.getResourcesInstalled());
        outcome.getMessage().forEach(m -> LOG.debug("package install: {}", m));
    }
}
