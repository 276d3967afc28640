package org.ancconnect.sync.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Posts transaction bundles to the NEHR. A 200 means the server committed all of it; the answer is
 * the version ids it wrote. 409 (two deliveries racing to create the same resource) and 5xx or
 * network failures are transient; 400/412/422 (invalid, ambiguous conditional match) are permanent.
 */
@ApplicationScoped
public class NehrClient {

    /** The NEHR refused the bundle for what it is: the reason is its OperationOutcome's diagnostics. */
    public static class Rejected extends RuntimeException {
        public Rejected(String message) {
            super(message);
        }
    }

    private final NehrRestClient rest;

    public NehrClient(@RestClient NehrRestClient rest) {
        this.rest = rest;
    }

    /** Commits the bundle; answers "Type/id/_history/version" of every entry written. */
    public List<String> transaction(JsonNode bundle) {
        try (Response r = rest.transaction(bundle)) {
            return outcome(r);
        } catch (WebApplicationException e) {
            // The REST client turns every 4xx/5xx into this exception; the answer itself says what happened.
            return outcome(e.getResponse());
        } catch (ProcessingException e) {
            throw new TransientFailure("NEHR unreachable: " + e.getMessage());
        }
    }

    private static List<String> outcome(Response r) {
        int s = r.getStatus();
        if (s == 200) {
            List<String> versions = new ArrayList<>();
            r.readEntity(JsonNode.class).path("entry").forEach(e -> {
                String location = e.path("response").path("location").asText("");
                if (!location.isEmpty()) {
                    versions.add(location.replaceFirst("^.*?/(?=[A-Z][A-Za-z]+/)", ""));
                }
            });
            return versions;
        }
        String body = r.hasEntity() ? r.readEntity(String.class) : "";
        if (s == 409 || s == 429 || s >= 500) {
            throw new TransientFailure("NEHR answered " + s + ": " + abbreviate(body));
        }
        throw new Rejected("NEHR rejected the bundle (" + s + "): " + abbreviate(body));
    }

    private static String abbreviate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }
}
