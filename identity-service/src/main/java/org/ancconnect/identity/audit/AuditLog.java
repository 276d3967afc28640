package org.ancconnect.identity.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Writes the audit log (sign-ins, enrolments, verifications, logouts) and counts each event in Micrometer
 * ({@code identity_events_total{type,outcome}}). Actors are internal ids or pairwise subjects, never national IDs.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final MeterRegistry meters;

    public AuditLog(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Records in the caller's transaction (or a new one). */
    public Uni<Void> record(String type, String outcome, String actor, String detail) {
        meters.counter("identity.events", "type", type, "outcome", outcome).increment();
        LOG.infof("audit type=%s outcome=%s", type, outcome);
        AuditEvent event = new AuditEvent();
        event.occurredAt = OffsetDateTime.now(ZoneOffset.UTC);
        event.type = type;
        event.outcome = outcome;
        event.actor = actor;
        event.detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
        return Panache.withTransaction(event::persist).replaceWithVoid();
    }
}
