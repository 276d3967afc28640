package org.ancconnect.sync.delivery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

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

    private static final JsonFactory JSON = new JsonFactory();

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
        long start = System.nanoTime();
        String status = "error";
        try {
            RestResponse<byte[]> r = rest.transaction(bundle);
            status = Integer.toString(r.getStatus());
            byte[] body = r.getEntity() == null ? new byte[0] : r.getEntity();
            if (r.getStatus() != 200) {
                throw failure(r.getStatus(), new String(body, StandardCharsets.UTF_8));
            }
            return versions(body);
        } catch (WebApplicationException e) {
            // The REST client turns every 4xx/5xx into this exception; the answer itself says what happened.
            Response r = e.getResponse();
            status = Integer.toString(r.getStatus());
            throw failure(r.getStatus(), r.hasEntity() ? r.readEntity(String.class) : "");
        } catch (ProcessingException e) {
            throw new NehrUnavailable("NEHR unreachable: " + e.getMessage());
        } finally {
            record("transaction", status, start);
        }
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
            record(operation, status, start);
        }
    }

    private void record(String operation, String status, long start) {
        timers.computeIfAbsent(operation + " " + status, k -> Timer.builder("sync.fhir.request").tag("operation", operation)
                .tag("status", k.substring(operation.length() + 1)).register(registry))
                .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
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
        if (r.getStatus() == 200) {
            return onOk.apply(r);
        }
        throw failure(r.getStatus(), r.hasEntity() ? r.readEntity(String.class) : "");
    }

    /** What a status other than 200 means: 409 a conflict, 429 and 5xx transient, anything else a rejection. */
    private static RuntimeException failure(int s, String body) {
        if (s == 409) {
            return new Conflict("NEHR answered 409: " + abbreviate(body));
        }
        if (s == 429 || s >= 500) {
            return new TransientFailure("NEHR answered " + s + ": " + abbreviate(body));
        }
        return new Rejected("NEHR rejected the request (" + s + "): " + abbreviate(body));
    }

    /**
     * {@code entry[].response.location} of a transaction-response bundle, relative ("Type/id/_history/v"), in entry order;
     * entries without one (a conditional DELETE that matched nothing) are skipped. Read as a stream: everything else
     * (the OperationOutcome of every entry, any resource HAPI returns) is skipped over, not built as a tree. Public for
     * the benchmark's same-bundle ceiling, which reads the NEHR's answers the way the worker does.
     */
    public static List<String> versions(byte[] body) {
        List<String> versions = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new TransientFailure("NEHR answered 200 without a bundle");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean entries = "entry".equals(p.currentName());
                if (p.nextToken() == JsonToken.START_ARRAY && entries) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        location(p, versions);
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            // The upserts are idempotent: sending the entity again is safe, dead-lettering what may be committed is not.
            throw new TransientFailure("NEHR answered 200 with a body that is not JSON: " + e.getMessage());
        }
        return versions;
    }

    /** Reads one entry (the parser on its first token) and adds its response.location, if any. */
    private static void location(JsonParser p, List<String> into) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            boolean response = "response".equals(p.currentName());
            if (p.nextToken() == JsonToken.START_OBJECT && response) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    boolean location = "location".equals(p.currentName());
                    if (p.nextToken() == JsonToken.VALUE_STRING && location && !p.getText().isEmpty()) {
                        into.add(relative(p.getText()));
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
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
