package org.ancconnect.sync.mapping;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
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
import org.hl7.fhir.utilities.npm.NpmPackage;

/**
 * HAPI's instance validator, offline, with the NEHR IG package from ../shared/fhir (anc.shared.dir).
 * The only messages dropped are "Unknown profile http://hl7.org/fhir/uv/ips/...": the IG's IPS
 * dependency is not available offline (see ../shared/fhir/README.md). Everything else is reported.
 */
public final class NehrValidator {

    private static NehrValidator instance;

    private final FhirContext ctx = FhirContext.forR4();
    private final FhirValidator validator;

    private NehrValidator() {
        NpmPackageValidationSupport nehr = new NpmPackageValidationSupport(ctx);
        Path tgz = Path.of(System.getProperty("anc.shared.dir", "../../shared"), "fhir", "lk-nehr-fhir-ips.r4-0.1.0.tgz");
        try (InputStream in = Files.newInputStream(tgz)) {
            NpmPackage pkg = NpmPackage.fromPackage(in);
            for (String file : pkg.listResources("StructureDefinition", "CodeSystem", "ValueSet")) {
                try (InputStream r = pkg.loadResource(file)) {
                    nehr.addResource(ctx.newJsonParser().parseResource(r));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("NEHR IG package unreadable: " + tgz, e);
        }
        ValidationSupportChain chain = new ValidationSupportChain(nehr, new DefaultProfileValidationSupport(ctx),
                new CommonCodeSystemsTerminologyService(ctx), new InMemoryTerminologyServerValidationSupport(ctx),
                new SnapshotGeneratingValidationSupport(ctx));
        validator = ctx.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(chain));
    }

    public static synchronized NehrValidator get() {
        if (instance == null) {
            instance = new NehrValidator();
        }
        return instance;
    }

    /** Errors (and fatals) of a resource as "location: message", minus the offline IPS dependency gap. */
    public List<String> errors(String json) {
        List<SingleValidationMessage> messages = validator.validateWithResult(json).getMessages();
        return messages.stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .filter(m -> !m.getMessage().contains("Unknown profile http://hl7.org/fhir/uv/ips/"))
                .map(m -> m.getLocationString() + ": " + m.getMessage())
                .toList();
    }
}
