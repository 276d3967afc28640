package org.ancconnect.fhirserver;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.net.URI;
import org.ancconnect.testsupport.fhir.SharedFhirServer;
import org.hl7.fhir.r4.model.Bundle;

/** HAPI's generic client against the shared test server (one server for all test classes of the JVM). */
final class FhirTestClient {

    static final FhirContext CTX = FhirContext.forR4();

    static {
        // The first $validate of a profile builds its snapshot and validator (several seconds on 2 cores).
        CTX.getRestfulClientFactory().setSocketTimeout(60_000);
        // The capability check would cost a /metadata round trip per client for nothing.
        CTX.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    }

    private FhirTestClient() {
    }

    static URI baseUrl() {
        return SharedFhirServer.baseUrl();
    }

    static IGenericClient client() {
        return CTX.newRestfulGenericClient(baseUrl().toString());
    }

    /** Total matches of a search URL such as {@code Patient?identifier=sys|val}. */
    static int count(String searchUrl) {
        Bundle result = client().search().byUrl(searchUrl + (searchUrl.contains("?") ? "&" : "?") + "_summary=count")
                .returnBundle(Bundle.class).execute();
        return result.getTotal();
    }
}
