package org.ancconnect.fhirserver;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Parameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the NEHR IG back after {@code POST [base]/$expunge} with {@code expungeEverything=true}.
 *
 * <p>Tests reset the server between classes with that call, and HAPI's "everything" includes the IG's
 * StructureDefinitions, value sets and stored package; without this, every later
 * {@code $validate?profile=...} would silently validate against nothing. The hook runs before the
 * response is written, so the caller's reset returns only once the IG is usable again.
 */
@Interceptor
final class PackageRestoreInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(PackageRestoreInterceptor.class);

    private final IPackageInstallerSvc installer;
    private final IValidationSupport validationSupport;
    private final Path packageFile;

    PackageRestoreInterceptor(IPackageInstallerSvc installer, IValidationSupport validationSupport, Path packageFile) {
        this.installer = installer;
        this.validationSupport = validationSupport;
        this.packageFile = packageFile;
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean afterExpungeEverything(RequestDetails request) {
        if (request.getRestOperationType() == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER
                && "$expunge".equals(request.getOperation())
                && isExpungeEverything(request)) {
            LOG.info("Everything expunged: re-installing the NEHR IG");
            NehrPackageInstaller.install(installer, validationSupport, packageFile);
        }
        return true;
    }

    private static boolean isExpungeEverything(RequestDetails request) {
        // The operation takes its parameters from the body (Parameters) or, for a bodiless POST, the URL.
        if (request.getResource() instanceof Parameters params) {
            return params.getParameter().stream()
                    .anyMatch(p -> "expungeEverything".equals(p.getName())
                            && p.getValue() instanceof BooleanType b && b.booleanValue());
        }
        String[] fromUrl = request.getParameters().get("expungeEverything");
        return fromUrl != null && fromUrl.length > 0 && Boolean.parseBoolean(fromUrl[0]);
    }
}
