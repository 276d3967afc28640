package org.ancconnect.portal.nehr;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * Reads a mother's record and leaves the audit trail. A view takes her record from {@link RecordCache} (one NEHR
 * search per PHN per cache period, not per view) and publishes the view's AuditEvent to the durable audit queue,
 * waiting for the broker's confirm, before it answers: no page is rendered before its AuditEvent is durably stored,
 * and when it cannot be ({@link AuditUnavailableException}) the record is not shown. {@link AuditRelay} moves the
 * AuditEvents into the NEHR, where her access log reads them, within seconds.
 */
@ApplicationScoped
public class RecordService {

    private final RecordCache records;
    private final AuditBroker audit;
    private final NehrClient nehr;
    private final NehrConfig config;
    private final Clock clock;

    RecordService(RecordCache records, AuditBroker audit, NehrClient nehr, NehrConfig config) {
        this.records = records;
        this.audit = audit;
        this.nehr = nehr;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /**
     * The record of the mother with this PHN, read by {@code accessor} for {@code purpose} (with the break-glass
     * reason, if any); null when the NEHR has no Patient with this PHN (then nothing was audited: nothing was read).
     * A staff reader's access must have been checked by the caller: the AuditEvent refers to the reader's
     * Practitioner, which the grant, break-glass or consultation that allowed the view created.
     */
    public Uni<MotherRecord> view(Accessor accessor, String phn, Purpose purpose, String reason) {
        return records.get(phn).chain(r -> r == null ? Uni.createFrom().<MotherRecord>nullItem()
                : Uni.createFrom().completionStage(() -> publish(accessor, r, purpose, reason)).replaceWith(r));
    }

    private java.util.concurrent.CompletionStage<Void> publish(Accessor accessor, MotherRecord r, Purpose purpose, String reason) {
        String patient = "Patient/" + r.patientId();
        String who = accessor.kind() == Accessor.Kind.STAFF
                ? "Practitioner?identifier=" + Transactions.token(config.staffSystem(), accessor.subject())
                : patient;
        String id = UUID.randomUUID().toString();
        // AuditEvents.view's JSON, written directly (the same bytes as HAPI's encoder, at a fraction of its CPU).
        return audit.publish(id, ViewAuditJson.view(id, accessor, who, patient, purpose, reason, Date.from(clock.instant())));
    }

    /** Who accessed her record and when, newest first (at most {@code limit} entries). */
    public Uni<List<AccessEntry>> accessLog(String phn, int limit) {
        return nehr.search("AuditEvent?entity:Patient.identifier=" + Transactions.token(Systems.PHN, Systems.phnValue(phn))
                + "&_sort=-date&_count=" + limit).map(b -> b.getEntry().stream()
                        .filter(e -> e.getResource() instanceof AuditEvent).map(e -> entry((AuditEvent) e.getResource())).toList());
    }

    static AccessEntry entry(AuditEvent ae) {
        AuditEvent.AuditEventAgentComponent agent = ae.getAgent().stream().filter(AuditEvent.AuditEventAgentComponent::getRequestor)
                .findFirst().orElse(ae.getAgentFirstRep());
        CodeableConcept purpose = ae.getPurposeOfEventFirstRep();
        String code = purpose.getCoding().stream().filter(c -> Systems.ACT_REASON.equals(c.getSystem())).map(Coding::getCode)
                .findFirst().orElse(null);
        boolean grant = ae.getSubtype().stream().anyMatch(c -> AuditEvents.BREAK_GLASS.equals(c.getCode()));
        String who = agent.hasName() ? agent.getName() : agent.getWho().getDisplay();
        return new AccessEntry(ae.getRecorded().toInstant().atOffset(ZoneOffset.UTC), who,
                agent.hasRole() ? agent.getRoleFirstRep().getText() : null, code, Purpose.BTG.name().equals(code),
                purpose.getText(), grant);
    }
}
