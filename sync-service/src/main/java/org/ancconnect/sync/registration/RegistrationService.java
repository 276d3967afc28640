package org.ancconnect.sync.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.TreeSet;
import org.ancconnect.sync.SyncConfig;
import org.ancconnect.sync.delivery.IdentityConflicts;
import org.ancconnect.sync.delivery.NehrClient;
import org.ancconnect.sync.delivery.TransientFailure;
import org.ancconnect.sync.dhis2.Dhis2Client;
import org.ancconnect.sync.log.AdvisoryLocks;
import org.ancconnect.sync.mapping.BundleCheck;
import org.ancconnect.sync.mapping.MappingException;
import org.ancconnect.sync.mapping.ProgramMapping;
import org.ancconnect.sync.mapping.ProgramMappings;
import org.ancconnect.sync.mapping.TrackedEntityMapper;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Applies one patient event: under the advisory locks of every PHN it touches (sorted, so two merges cannot
 * deadlock), skip it if its {@code ce-id} was applied or a newer event of the PHN was; plan the DHIS2 import
 * and map the NEHR bundle first (a bad event writes nothing); then DHIS2 (tracked entity + enrollment, and for
 * a merge the retired PHNs' tracked entities re-pointed to the survivor), then the NEHR (one transaction).
 * Every write is an upsert keyed by the PHN or a uid derived from it, so a redelivery after a crash
 * converges on the same state.
 */
@ApplicationScoped
public class RegistrationService {

    /** What became of an event. */
    public enum Outcome { APPLIED, DUPLICATE, STALE }

    /** A failure and the system it happened in ("dhis2" or "nehr"), for the status row. */
    public static final class StageFailure extends RuntimeException {
        private final String system;

        StageFailure(String system, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.system = system;
        }

        public String system() {
            return system;
        }
    }

    private final Dhis2Client dhis2;
    private final NehrClient nehr;
    private final ProgramMappings mappings;
    private final PatientStatusRepository status;
    private final AgroalDataSource ds;
    private final String program;
    private final String namespace;
    private final String nehrBase;

    public RegistrationService(Dhis2Client dhis2, NehrClient nehr, ProgramMappings mappings, PatientStatusRepository status,
            AgroalDataSource ds, SyncConfig config, @ConfigProperty(name = "anc.nehr.base-url") String nehrBase) {
        this.dhis2 = dhis2;
        this.nehr = nehr;
        this.mappings = mappings;
        this.status = status;
        this.ds = ds;
        this.program = config.registration().program();
        this.namespace = config.delivery().identifierNamespace();
        this.nehrBase = nehrBase;
    }

    public Outcome apply(PatientEvent e) {
        try (Connection c = ds.getConnection()) {
            TreeSet<String> phns = new TreeSet<>(e.retiredPhns());
            phns.add(e.phn());
            for (String phn : phns) {
                AdvisoryLocks.lock(c, "phn:" + phn);
            }
            try {
                return applyLocked(c, e);
            } finally {
                AdvisoryLocks.unlockAll(c);
            }
        } catch (SQLException ex) {
            throw new TransientFailure("sync database unavailable: " + ex.getMessage());
        }
    }

    private Outcome applyLocked(Connection c, PatientEvent e) throws SQLException {
        if (status.applied(c, e.id())) {
            return Outcome.DUPLICATE;
        }
        Optional<java.time.Instant> newest = status.eventAt(c, e.phn());
        if (newest.isPresent() && e.occurredAt().isBefore(newest.get())) {
            // Events carry the whole person: the newer one already applied says more than this late one.
            status.markApplied(c, e.id());
            return Outcome.STALE;
        }
        ProgramMapping mapping = mappings.forProgram(program);
        Dhis2Client.SystemInfo info = dhis2.systemInfo();
        String type = mapping.index().trackedEntityType()
                .orElseThrow(() -> new MappingException("program", "DHIS2 names no tracked entity type for program " + program));
        String phnAttribute = mapping.patient("phn").uid();
        RegistrationPlan plan = RegistrationPlan.of(e, mapping, type, dhis2.findByAttribute(program, phnAttribute, e.phn()),
                info.zone());
        ObjectNode bundle = NehrPatients.survivor(plan, mapping,
                new TrackedEntityMapper.Source(info.zone(), info.systemId(), info.version(), namespace));
        BundleCheck.check(bundle);
        status.pending(c, e);
        stage("dhis2", () -> {
            dhis2.importTracker(plan.payload());
            for (String retired : e.retiredPhns()) {
                for (JsonNode te : dhis2.findByAttribute(program, phnAttribute, retired)) {
                    dhis2.importTracker(RegistrationPlan.repoint(te, mapping, type, e.phn()));
                }
            }
        });
        status.dhis2Synced(c, e.phn(), plan);
        stage("nehr", () -> {
            for (String retired : e.retiredPhns()) {
                nehr.patientByIdentifier(NehrPatients.PHN + "|" + retired)
                        .ifPresent(p -> NehrPatients.retire(bundle, p, retired, nehrBase));
            }
            try {
                nehr.transaction(bundle);
            } catch (NehrClient.Conflict conflict) {
                // An identifier (eSignet sub, ...) already on another PHN's Patient is permanent; a create race is not.
                Optional<String> system = IdentityConflicts.find(bundle, NehrPatients.PHN, phns(e), nehr::patientByIdentifier);
                if (system.isPresent()) {
                    throw new IdentityConflicts.IdentityConflict(system.get());
                }
                throw conflict;
            }
        });
        status.nehrSynced(c, e.phn(), e.occurredAt());
        for (String retired : e.retiredPhns()) {
            status.merged(c, retired, e.phn(), e.occurredAt());
        }
        status.markApplied(c, e.id());
        return Outcome.APPLIED;
    }

    private static java.util.Set<String> phns(PatientEvent e) {
        java.util.Set<String> phns = new java.util.HashSet<>(e.retiredPhns());
        phns.add(e.phn());
        return phns;
    }

    private static void stage(String system, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException ex) {
            throw new StageFailure(system, ex);
        }
    }
}
