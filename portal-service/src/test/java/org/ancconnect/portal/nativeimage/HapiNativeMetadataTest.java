package org.ancconnect.portal.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The build writes HAPI's reflection metadata into the application for native executables, complete. */
class HapiNativeMetadataTest {

    private static final Path GENERATED = Path.of("target/classes/META-INF/native-image/org.ancconnect/portal-service");

    @Test
    void everyR4ModelClassTheParserMeetsIsRegistered() {
        TreeSet<String> classes = HapiNativeMetadata.modelClasses();
        assertThat(classes).contains("org.hl7.fhir.r4.model.Patient", "org.hl7.fhir.r4.model.Bundle$BundleEntryComponent",
                "org.hl7.fhir.r4.model.Observation$ObservationComponentComponent",
                "org.hl7.fhir.r4.model.Enumerations$AdministrativeGenderEnumFactory", "org.hl7.fhir.r4.model.AuditEvent",
                "org.hl7.fhir.r4.model.Consent$ProvisionComponent", "org.hl7.fhir.r4.hapi.ctx.FhirR4");
        assertThat(classes).hasSizeGreaterThan(1000).allMatch(c -> c.startsWith("org.hl7.fhir.r4."));
    }

    @Test
    void theBuildStepWroteTheMetadataIntoTheApplication() throws Exception {
        String reflect = Files.readString(GENERATED.resolve("reflect-config.json"));
        assertThat(reflect).isEqualTo(HapiNativeMetadata.reflectConfig(HapiNativeMetadata.modelClasses()));
        assertThat(Files.readString(GENERATED.resolve("resource-config.json"))).contains("ca/uhn/fhir/i18n/");
    }
}
