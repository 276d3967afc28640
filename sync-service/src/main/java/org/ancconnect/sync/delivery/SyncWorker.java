package org.ancconnect.sync.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.ancconnect.sync.SyncConfig;
import org.ancconnect.sync.dhis2.Dhis2Client;
import org.ancconnect.sync.log.AdvisoryLocks;
import org.ancconnect.sync.log.SyncLogRepository;
import org.ancconnect.sync.mapping.BundleCheck;
import org.ancconnect.sync.mapping.Dhis2User;
import org.ancconnect.sync.mapping.MappingException;
import org.ancconnect.sync.mapping.ProgramMapping;
import org.ancconnect.sync.mapping.ProgramMappings;
import org.ancconnect.sync.mapping.SharedResources;
import org.ancconnect.sync.mapping.TrackedEntity;
import org.ancconnect.sync.mapping.TrackedEntityMapper;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Syncs one tracked entity: under a PostgreSQL advisory lock keyed by the entity (held on one
 * connection for the whole run, so no two replicas work on the same entity at once, and released by
 * PostgreSQL if this process dies), fetch its current state from DHIS2, map it with what the last sync
 * wrote, post one transaction, record the outcome. Shared resources the NEHR committed unchanged are left out of the
 * bundle ({@link SharedResourceCache}); a bundle that left any out and fails is sent once more in full. Always the current state: a redelivered or stale
 * message converges to the same result.
 */
@ApplicationScoped
public class SyncWorker {

    private final Dhis2Client dhis2;
    private final NehrClient nehr;
    private final ProgramMappings mappings;
    private final SyncLogRepository log;
    private final AgroalDataSource ds;
    private final String namespace;
    private final Timer mappingTimer;
    private final Timer deliveryTimer;
    private final SharedResourceCache shared;
    private final String nehrUrl;

    public SyncWorker(Dhis2Client dhis2, NehrClient nehr, ProgramMappings mappings, SyncLogRepository log, AgroalDataSource ds,
            SyncConfig config, MeterRegistry registry, SharedResourceCache shared,
            @ConfigProperty(name = "anc.nehr.base-url") String nehrUrl) {
        this.dhis2 = dhis2;
        this.nehr = nehr;
        this.mappings = mappings;
        this.log = log;
        this.ds = ds;
        this.namespace = config.delivery().identifierNamespace();
        this.mappingTimer = registry.timer("sync.mapping.duration");
        this.deliveryTimer = registry.timer("sync.delivery.duration");
        this.shared = shared;
        this.nehrUrl = nehrUrl;
    }

    /** Syncs the entity; answers the number of FHIR resources written. Throws TransientFailure or a permanent error. */
    public int sync(String uid, String program, int attempt) {
        long started = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            AdvisoryLocks.lock(c, "tracked-entity:" + uid);
            try {
                Dhis2Client.SystemInfo info = dhis2.systemInfo();
                TrackedEntity te = dhis2.trackedEntity(uid, program).map(json -> TrackedEntity.parse(json, info.zone()))
                        .orElseGet(() -> new TrackedEntity(uid, "", true, null, Map.of(), List.of()));
                ProgramMapping mapping = mappings.forProgram(program);
                Map<String, Dhis2User> users = new HashMap<>();
                for (String username : TrackedEntityMapper.usernames(te)) {
                    dhis2.user(username).ifPresent(u -> users.put(username, u));
                }
                Set<String> previous = log.keys(c, uid);
                // Two tracked entities carrying one PHN (a duplicate registration in DHIS2) write the same Patient:
                // serialise them too, or both conditional PUTs could create it.
                String phn = mapping.patient("phn") == null ? null : te.attributes().get(mapping.patient("phn").uid());
                if (phn != null) {
                    AdvisoryLocks.lock(c, "phn:" + phn);
                }
                TrackedEntityMapper.Source source = new TrackedEntityMapper.Source(info.zone(), info.systemId(), info.version(),
                        namespace);
                Posted posted = post(known -> map(te, mapping, source, users, previous, known), phn);
                TrackedEntityMapper.Result result = posted.result();
                List<String> versions = posted.versions();
                Instant version = te.updatedAt();
                log.synced(c, uid, program, version, result.keys(), versions, attempt + 1);
                deliveryTimer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
                return versions.size();
            } finally {
                AdvisoryLocks.unlockAll(c);
            }
        } catch (SQLException e) {
            throw new TransientFailure("sync log unavailable: " + e.getMessage());
        }
    }

    /** What was posted (the last bundle mapped) and the version ids the NEHR answered. */
    public record Posted(TrackedEntityMapper.Result result, List<String> versions) {
    }

    /**
     * Maps with what this replica knows the NEHR holds of the shared resources ({@code map} is given that view), posts the
     * bundle, and remembers the shared resources the NEHR committed. If a bundle that left shared resources out is
     * refused, the NEHR may have lost them (wiped, restored from a backup): the cache of that NEHR is cleared and the
     * entity is mapped and posted once more in full, in the same attempt. Not for an unreachable NEHR, and not for a 409:
     * that is a create race or an identifier on another Patient, never a missing resource (HAPI answers a reference to a
     * resource it does not hold with 400, HAPI-1094), and clearing the cache on a race would make every replica send
     * the shared resources again, racing once more.
     */
    public Posted post(Function<SharedResources, TrackedEntityMapper.Result> map, String phn) {
        TrackedEntityMapper.Result result = map.apply(shared.of(nehrUrl));
        List<String> versions;
        try {
            versions = result.bundle().path("entry").isEmpty() ? List.of() : commit(result.bundle(), phn);
        } catch (NehrUnavailable | NehrClient.Conflict | IdentityConflicts.IdentityConflict e) {
            throw e;
        } catch (RuntimeException e) {
            if (result.omitted().isEmpty()) {
                throw e;
            }
            shared.forget(nehrUrl);
            result = map.apply(shared.of(nehrUrl));
            versions = commit(result.bundle(), phn);
        }
        shared.committed(nehrUrl, result.shared(), result.omitted());
        return new Posted(result, versions);
    }

    private TrackedEntityMapper.Result map(TrackedEntity te, ProgramMapping mapping, TrackedEntityMapper.Source source,
            Map<String, Dhis2User> users, Set<String> previous, SharedResources known) {
        long mapStart = System.nanoTime();
        TrackedEntityMapper.Result result = TrackedEntityMapper.map(te, mapping, source, users, previous, known);
        BundleCheck.check(result.bundle());
        mappingTimer.record(System.nanoTime() - mapStart, java.util.concurrent.TimeUnit.NANOSECONDS);
        return result;
    }

    /** Posts the transaction; a 409 caused by an identifier already on another PHN's Patient is permanent, not a race. */
    private List<String> commit(JsonNode bundle, String phn) {
        try {
            return nehr.transaction(bundle);
        } catch (NehrClient.Conflict conflict) {
            Optional<String> system = IdentityConflicts.find(bundle, TrackedEntityMapper.PHN_SYSTEM,
                    phn == null ? Set.of() : Set.of(phn), nehr::patientByIdentifier);
            if (system.isPresent()) {
                throw new IdentityConflicts.IdentityConflict(system.get());
            }
            throw conflict;
        }
    }

    /** Answers why a message is not worth retrying, for the dead-letter header and the sync log. */
    public static String reason(RuntimeException e) {
        if (e instanceof MappingException m) {
            return "mapping: " + m.getMessage();
        }
        if (e instanceof BundleCheck.Invalid v) {
            return "validation: " + v.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** A JSON message's fields, checked: a message without them is itself a permanent failure. */
    public static String field(JsonNode message, String name) {
        String v = message.path(name).asText("");
        if (v.isBlank()) {
            throw new MappingException("message." + name, "missing");
        }
        return v;
    }
}
