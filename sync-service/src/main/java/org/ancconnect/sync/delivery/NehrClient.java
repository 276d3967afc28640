package org.ancconnect.sync.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Talks to the NEHR. A transaction answered 200 means the server committed all of it; the answer is the
 * version ids it wrote. 409 ({@link Conflict}: two deliveries racing to create the same resource, transient
 * unless {@link IdentityConflicts} finds an identifier on another Patient), 429 and 5xx or network failures are
 * transient; 400/412/422 (invalid, ambiguous conditional match) are permanent. Every request
 * is timed as {@code sync_fhir_request_seconds{operation, status}} (status "error" when none came back).
 */
@ApplicationScoped
public class NehrClient {

    /** The NEHR refused the bundle for what it is: the reason is its OperationOutcome's diagnostics. */
    public static class Rejected extends RuntimeException {
        public Rejected(String message) {
            super(message);
        }
    }

    /** 409: the NEHR's unique-identifier rule refused a write (a create race, or an identifier on another Patient). */
    public static class Conflict extends TransientFailure {
        public Conflict(String message) {
            super(message);
        }
    }

    private final NehrRestClient rest;
    private final MeterRegistry registry;
    /** One timer per operation and status, looked up instead of built and registered again per request. */
    private final java.util.Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    public NehrClient(@RestClient NehrRestClient rest, MeterRegistry registry) {
        this.rest = rest;
        this.registry = registry;
    }

    /** Commits the bundle; answers "Type/id/_history/version" of every entry written. */
    public List<String> transaction(JsonNode bundle) {
        return timed("transaction", () -> rest.transaction(bundle), NehrClient::versions);
    }

    /** The Patient carrying this identifier ("system|value"), if any (identifiers are unique in the NEHR). */
    public Optional<JsonNode> patientByIdentifier(String identifier) {
        MultivaluedMap<String, String> q = new MultivaluedHashMap<>();
        q.putSingle("identifier", identifier);
        return first("Patient", q);
    }

    /** How many resources of {@code type} match the search ({@code _summary=count}: nothing but the total travels). */
    public long count(String type, MultivaluedMap<String, String> parameters) {
        MultivaluedMap<String, String> q = new MultivaluedHashMap<>(parameters);
        q.putSingle("_summary", "count");
        return timed("search", () -> rest.search(type, q), r -> r.readEntity(JsonNode.class).path("total").asLong());
    }

    /** Every resource matching the search, fetched in pages of 500 with {@code _offset} (HAPI's offset paging). */
    public List<JsonNode> all(String type, MultivaluedMap<String, String> parameters) {
        List<JsonNode> out = new ArrayList<>();
        final int page = 500;
        while (true) {
            MultivaluedMap<String, String> q = new MultivaluedHashMap<>(parameters);
            q.putSingle("_count", Integer.toString(page));
            q.putSingle("_offset", Integer.toString(out.size()));
            JsonNode entries = timed("search", () -> rest.search(type, q), r -> r.readEntity(JsonNode.class).path("entry"));
            entries.forEach(e -> out.add(e.path("resource")));
            if (entries.size() < page) {
                return out;
            }
        }
    }

    /**
     * Waits until the NEHR answers {@code GET /metadata} again, probing every 5 s, at most {@code patience}: how
     * a consumer sits out an outage without spending the message's retry tiers. Answers whether it is back.
     */
    public boolean awaitAvailable(java.time.Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try (Response r = send(() -> rest.search("metadata", new MultivaluedHashMap<>()))) {
                if (r.getStatus() == 200) {
                    return true;
                }
            } catch (ProcessingException e) {
                // still down
            }
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** The first resource of {@code type} matching the search, if any. */
    public Optional<JsonNode> first(String type, MultivaluedMap<String, String> parameters) {
        return timed("search", () -> rest.search(type, parameters), r -> {
            JsonNode entries = r.readEntity(JsonNode.class).path("entry");
            return entries.isEmpty() ? Optional.<JsonNode>empty() : Optional.of(entries.get(0).path("resource"));
        });
    }

    private <T> T timed(String operation, Supplier<Response> call, java.util.function.Function<Response, T> onOk) {
        long start = System.nanoTime();
        String status = "error";
        try {
            try (Response r = send(call)) {
                status = Integer.toString(r.getStatus());
                return outcome(r, onOk);
            }
        } catch (ProcessingException e) {
            throw new NehrUnavailable("NEHR unreachable: " + e.getMessage());
        } finally {
            timers.computeIfAbsent(operation + " " + status, k -> Timer.builder("sync.fhir.request").tag("operation", operation)
                    .tag("status", k.substring(operation.length() + 1)).register(registry))
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private static Response send(Supplier<Response> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            // The REST client turns every 4xx/5xx into this exception; the answer itself says what happened.
            return e.getResponse();
        }
    }

    private static <T> T outcome(Response r, java.util.function.Function<Response, T> onOk) {
        int s = r.getStatus();
        if (s == 200) {
            return onOk.apply(r);
        }
        String body = r.hasEntity() ? r.readEntity(String.class) : "";
        if (s == 409) {
            throw new Conflict("NEHR answered 409: " + abbreviate(body));
        }
        if (s == 429 || s >= 500) {
            throw new TransientFailure("NEHR answered " + s + ": " + abbreviate(body));
        }
        throw new Rejected("NEHR rejected the request (" + s + "): " + abbreviate(body));
    }

    private static List<String> versions(Response r) {
        List<String> versions = new ArrayList<>();
        r.readEntity(JsonNode.class).path("entry").forEach(e -> {
            String location = e.path("response").path("location").asText("");
            if (!location.isEmpty()) {
                versions.add(relative(location));
            }
        });
        return versions;
    }

    /**
     * "Type/id/_history/v" of a location, with any base URL before it cut off: from the first path segment that starts
     * with a capital letter and is followed by another segment (what {@code ^.*?/(?=[A-Z][A-Za-z]+/)} matched, without
     * compiling that regex once per entry of every bundle).
     */
    static String relative(String location) {
        for (int slash = location.indexOf('/'); slash >= 0 && slash + 1 < location.length(); slash = location.indexOf('/', slash + 1)) {
            int start = slash + 1;
            int end = start;
            while (end < location.length() && Character.isLetter(location.charAt(end)) && location.charAt(end) < 128) {
                end++;
            }
            char first = location.charAt(start);
            if (first >= 'A' && first <= 'Z' && end > start + 1 && end < location.length() && location.charAt(end) == '/') {
                return location.substring(start);
            }
        }
        return location;
    }

    private static String abbreviate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }
}
