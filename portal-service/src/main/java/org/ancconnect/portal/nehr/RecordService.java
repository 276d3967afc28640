package org.ancconnect.portal.nehr;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;

/**
 * Reads a mother's record from the NEHR and leaves the audit trail. A view is ONE transaction: the AuditEvent is
 * written and the record read in the same request, so no record is ever shown without its AuditEvent; the
 * AuditEvent is written before any page is rendered, so a page that fails half way is still audited.
 */
@ApplicationScoped
public class RecordService {

    private final NehrClient nehr;
    private final NehrConfig config;
    private final Clock clock;

    RecordService(NehrClient nehr, NehrConfig config) {
        this.nehr = nehr;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /**
     * The record of the mother with this PHN, read by {@code accessor} for {@code purpose} (with the break-glass
     * reason, if any); null when the NEHR has no Patient with this PHN, or no Practitioner for a staff reader who was
     * never granted access (then nothing was audited: nothing was read).
     */
    public Uni<MotherRecord> view(Accessor accessor, String phn, Purpose purpose, String reason) {
        Bundle tx = Transactions.transaction();
        Reference patient = Transactions.patientByPhn(phn);
        // A staff reader's Practitioner exists: the grant, break-glass or consultation that allowed this view created it.
        // Referring to it conditionally (not creating it here) keeps record views free of write races: fifty concurrent
        // views by one doctor would otherwise race fifty conditional creates of the same Practitioner.
        Reference who = accessor.kind() == Accessor.Kind.STAFF
                ? new Reference("Practitioner?identifier=" + Transactions.token(config.staffSystem(), accessor.subject()))
                : Transactions.patientByPhn(phn);
        Date now = Date.from(clock.instant());
        Transactions.create(tx, AuditEvents.view(accessor, who, patient, purpose, reason, now), null);
        Transactions.get(tx, RecordQuery.byPhn(phn));
        return nehr.post(tx).map(response -> {
            Bundle search = (Bundle) response.getEntry().getLast().getResource();
            return RecordMapper.map(search, OffsetDateTime.now(clock));
        }).onFailure(NehrException.class).recoverWithUni(f -> ((NehrException) f).status() == 404
                ? Uni.createFrom().nullItem() : Uni.createFrom().failure(f));
    }

    /** Who accessed her record and when, newest first (at most {@code limit} entries). */
    public Uni<List<AccessEntry>> accessLog(String phn, int limit) {
        return nehr.search("AuditEvent?entity:Patient.identifier=" + Transactions.token(Systems.PHN, phn)
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
