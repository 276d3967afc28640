package org.ancconnect.sync.dhis2;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ancconnect.sync.SyncConfig;
import org.ancconnect.sync.delivery.TransientFailure;
import org.ancconnect.sync.mapping.Dhis2User;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * DHIS2 as sync-service sees it: server identity and zone, programs, pages of changed tracked
 * entities (2.40's "instances" and 2.41+'s "trackedEntities"/"pager" envelopes, and each version's
 * parameter names), single tracked entities, and users (cached: practitioners change rarely).
 * HTTP failures become {@link TransientFailure} (timeouts, 5xx, 429) or {@link Dhis2Exception}.
 */
@ApplicationScoped
public class Dhis2Client {

    /** The fields a Practitioner needs. */
    public static final String USER_FIELDS = "id,username,firstName,surname,phoneNumber,email";
    /** Users change rarely; an hour bounds how long a corrected phone number takes to reach new Practitioners. */
    private static final Duration USER_TTL = Duration.ofHours(1);

    /** What system/info says about the server. */
    public record SystemInfo(String version, ZoneId zone, String systemId) {

        /** DHIS2 2.40 answers with the "instances" envelope and takes orgUnit/ouMode. */
        public boolean legacy() {
            String[] parts = version.split("\\.");
            return parts.length > 1 && Integer.parseInt(parts[1].replaceAll("\\D.*", "")) <= 40;
        }
    }

    /** One page of changed tracked entities: uid and updatedAt (server zone). */
    public record Change(String uid, String updatedAt) {
    }

    private final Dhis2RestClient rest;
    private final SyncConfig.Dhis2 config;
    private final Map<String, CachedUser> users = new ConcurrentHashMap<>();
    private volatile SystemInfo info;

    private record CachedUser(Dhis2User user, Instant fetched) {
    }

    public Dhis2Client(@RestClient Dhis2RestClient rest, SyncConfig config) {
        this.rest = rest;
        this.config = config.dhis2();
    }

    /** system/info, fetched once and kept (version and zone of a server do not change while it runs). */
    public SystemInfo systemInfo() {
        if (info == null) {
            JsonNode si = call(() -> rest.systemInfo(auth()));
            info = new SystemInfo(si.path("version").asText(), ZoneId.of(si.path("serverTimeZoneId").asText("UTC")),
                    si.path("systemId").asText());
        }
        return info;
    }

    /** system/info, fresh (the connection test). */
    public JsonNode systemInfoNow() {
        return call(() -> rest.systemInfo(auth()));
    }

    public JsonNode programs() {
        return call(() -> rest.programs(auth(), "id,displayName,programType,trackedEntityType[id,displayName],version", false));
    }

    /** The fields of a program the mapping resolves bindings against. */
    public static final String PROGRAM_FIELDS = "id,displayName,trackedEntityType[id],programTrackedEntityAttributes[trackedEntityAttribute[id,code,name,valueType]],"
            + "programStages[id,name,programStageDataElements[dataElement[id,code,name,valueType]]]";

    /** A program with what the mapping resolves bindings against. */
    public JsonNode program(String id) {
        return call(() -> rest.program(auth(), id, PROGRAM_FIELDS));
    }

    /** One page of tracked entities of a program changed at or after {@code updatedAfter}, oldest first. */
    public List<Change> changedSince(String program, String updatedAfter, int page) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("program", program);
        q.put(systemInfo().legacy() ? "ouMode" : "orgUnitMode", "ACCESSIBLE");
        q.put("updatedAfter", updatedAfter);
        q.put("order", "updatedAt:asc");
        q.put("page", Integer.toString(page));
        q.put("pageSize", Integer.toString(config.pageSize()));
        q.put("includeDeleted", "true");
        q.put("fields", "trackedEntity,updatedAt");
        JsonNode body = call(() -> rest.trackedEntities(auth(), q));
        JsonNode items = body.has("trackedEntities") ? body.get("trackedEntities") : body.path("instances");
        List<Change> out = new ArrayList<>();
        items.forEach(te -> out.add(new Change(te.path("trackedEntity").asText(), te.path("updatedAt").asText())));
        return out;
    }

    /**
     * Tracked entities of a program whose attribute equals {@code value} (DHIS2 compares case-insensitively), with
     * their enrollments but not their events: how a registration finds the mother a PHN already belongs to.
     */
    public List<JsonNode> findByAttribute(String program, String attribute, String value) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("program", program);
        q.put(systemInfo().legacy() ? "ouMode" : "orgUnitMode", "ACCESSIBLE");
        q.put("filter", attribute + ":eq:" + value);
        q.put("fields", "trackedEntity,orgUnit,attributes[attribute,value],enrollments[enrollment,program,orgUnit,status,enrolledAt]");
        q.put("pageSize", "50");
        JsonNode body = call(() -> rest.trackedEntities(auth(), q));
        JsonNode items = body.has("trackedEntities") ? body.get("trackedEntities") : body.path("instances");
        List<JsonNode> out = new ArrayList<>();
        items.forEach(out::add);
        return out;
    }

    /** The full tracked entity with enrollments and events (deleted ones too, to retract them); empty when gone. */
    public Optional<JsonNode> trackedEntity(String uid, String program) {
        try {
            return Optional.of(call(() -> rest.trackedEntity(auth(), uid, program, "*", true)));
        } catch (Dhis2Exception e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * A synchronous tracker import (CREATE_AND_UPDATE). DHIS2 answers 409 with its import report when it
     * rejects the payload: that report's error messages come back in the {@link Dhis2Exception}.
     */
    public JsonNode importTracker(JsonNode payload) {
        try {
            return rest.importTracker(auth(), false, "CREATE_AND_UPDATE", payload);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 409) {
                JsonNode report = e.getResponse().readEntity(JsonNode.class);
                List<String> errors = new ArrayList<>();
                report.path("validationReport").path("errorReports").forEach(r -> errors.add(r.path("errorCode").asText()
                        + " " + r.path("message").asText()));
                throw new Dhis2Exception(409, String.join("; ", errors));
            }
            check(e.getResponse());
            throw new Dhis2Exception(e.getResponse().getStatus(), e.getMessage());
        } catch (ProcessingException e) {
            throw new TransientFailure("DHIS2 unreachable: " + e.getMessage());
        }
    }

    /**
     * {@code POST /api/dataValueSets}: answers DHIS2's import summary whether it imported everything (200) or
     * reported conflicts per value (409 with the same summary), so the caller can show each conflict.
     */
    public JsonNode importDataValues(JsonNode dataValueSet, boolean dryRun) {
        try {
            try (Response r = rest.dataValueSets(auth(), dryRun, "CREATE_AND_UPDATE", dataValueSet)) {
                return r.readEntity(JsonNode.class);
            }
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 409) {
                return e.getResponse().readEntity(JsonNode.class);
            }
            check(e.getResponse());
            throw new Dhis2Exception(e.getResponse().getStatus(), e.getMessage());
        } catch (ProcessingException e) {
            throw new TransientFailure("DHIS2 unreachable: " + e.getMessage());
        }
    }

    /** A user by username, as the Practitioner mapping needs; cached for {@link #USER_TTL}. */
    public Optional<Dhis2User> user(String username) {
        CachedUser cached = users.get(username);
        if (cached != null && cached.fetched().plus(USER_TTL).isAfter(Instant.now())) {
            return Optional.of(cached.user());
        }
        JsonNode found = call(() -> rest.users(auth(), "username:eq:" + username, USER_FIELDS)).path("users");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Dhis2User user = user(found.get(0));
        users.put(username, new CachedUser(user, Instant.now()));
        return Optional.of(user);
    }

    /** A user of {@code /api/users} ({@link #USER_FIELDS}) as the Practitioner mapping reads it. */
    public static Dhis2User user(JsonNode u) {
        return new Dhis2User(u.path("id").asText(), u.path("username").asText(), u.path("firstName").asText(null),
                u.path("surname").asText(null), u.path("phoneNumber").asText(null), u.path("email").asText(null));
    }

    private String auth() {
        if (config.apiToken().isPresent()) {
            return "ApiToken " + config.apiToken().get();
        }
        String basic = config.username().orElse("") + ":" + config.password().orElse("");
        return "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8));
    }

    private static void check(Response r) {
        int s = r.getStatus();
        if (s >= 500 || s == 429 || s == 408) {
            throw new TransientFailure("DHIS2 answered " + s);
        }
        if (s >= 400) {
            throw new Dhis2Exception(s, "DHIS2 answered " + s + ": " + r.readEntity(String.class));
        }
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            check(e.getResponse());
            throw new Dhis2Exception(e.getResponse().getStatus(), e.getMessage());
        } catch (ProcessingException e) {
            throw new TransientFailure("DHIS2 unreachable: " + e.getMessage());
        }
    }
}
