package org.ancconnect.fhirserver;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.LoggingInterceptor;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.springframework.context.ApplicationContext;

/** Builds HAPI's FHIR REST servlet over the JPA beans of a refreshed Spring context. */
final class NehrRestfulServerFactory {

    private NehrRestfulServerFactory() {
    }

    static RestfulServer create(ApplicationContext ctx, ServerOptions options) {
        IFhirSystemDao<?, ?> systemDao = ctx.getBean(IFhirSystemDao.class);
        RestfulServer server = new RestfulServer(systemDao.getContext());
        server.setImplementationDescription("ANC Connect NEHR stand-in (HAPI FHIR JPA)");

        // One provider per resource type (read, search, conditional create/update, $validate, $expunge...).
        server.registerProviders(ctx.getBean(ResourceProviderFactory.class).createProviders());
        // System level: transaction/batch bundles, $expunge, $meta, history.
        server.registerProvider(ctx.getBean(JpaSystemProvider.class));

        server.setServerConformanceProvider(new JpaCapabilityStatementProvider(
                server,
                systemDao,
                ctx.getBean(JpaStorageSettings.class),
                ctx.getBean(ISearchParamRegistry.class),
                ctx.getBean(IValidationSupport.class)));
        // Search pages live in the database, so paging survives across requests and workers.
        server.setPagingProvider(ctx.getBean(DatabaseBackedPagingProvider.class));
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        // Only for a person in a browser: an HTML view when Accept asks for text/html.
        server.registerInterceptor(new ResponseHighlighterInterceptor());
        options.nehrPackage().ifPresent(pkg -> server.registerInterceptor(
                new PackageRestoreInterceptor(ctx.getBean(IPackageInstallerSvc.class),
                        ctx.getBean(IValidationSupport.class), pkg)));
        if (options.logRequests()) {
            LoggingInterceptor access = new LoggingInterceptor();
            access.setLoggerName("fhir.access");
            access.setMessageFormat("${requestVerb} ${requestUrl} ${requestParameters} in ${processingTimeMillis} ms");
            access.setErrorMessageFormat("${requestVerb} ${requestUrl} ${requestParameters} failed: ${exceptionMessage}");
            server.registerInterceptor(access);
        }
        return server;
    }
}
