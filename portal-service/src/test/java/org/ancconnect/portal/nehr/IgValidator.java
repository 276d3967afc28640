package org.ancconnect.portal.nehr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.npm.NpmPackage;

/**
 * HAPI's instance validator loaded with the NEHR IG package (../shared/fhir, offline). Reports errors and fatals;
 * only "Unknown profile http://hl7.org/fhir/uv/ips/..." is dropped: the IG's IPS dependency is not available
 * offline (../shared/fhir/README.md).
 */
final class IgValidator {

    private static IgValidator instance;

    private final FhirValidator validator;

    private IgValidator() {
        FhirContext ctx = NehrClient.FHIR;
        NpmPackageValidationSupport ig = new NpmPackageValidationSupport(ctx);
        Path tgz = Path.of(System.getProperty("anc.shared.dir", "../../shared"), "fhir", "lk-nehr-fhir-ips.r4-0.1.0.tgz");
        try (InputStream in = Files.newInputStream(tgz)) {
            NpmPackage pkg = NpmPackage.fromPackage(in);
            for (String name : pkg.listResources("StructureDefinition", "CodeSystem", "ValueSet")) {
                try (InputStream r = pkg.loadResource(name)) {
                    ig.addResource(ctx.newJsonParser().parseResource(r));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("NEHR IG package not readable at " + tgz, e);
        }
        validator = ctx.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(new ValidationSupportChain(ig,
                new DefaultProfileValidationSupport(ctx), new CommonCodeSystemsTerminologyService(ctx),
                new InMemoryTerminologyServerValidationSupport(ctx), new SnapshotGeneratingValidationSupport(ctx))));
    }

    static synchronized IgValidator get() {
        if (instance == null) {
            instance = new IgValidator();
        }
        return instance;
    }

    List<String> errors(IBaseResource resource) {
        return validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .filter(m -> !m.getMessage().contains("Unknown profile http://hl7.org/fhir/uv/ips/"))
                .map(m -> m.getLocationString() + ": " + m.getMessage()).toList();
    }
}
