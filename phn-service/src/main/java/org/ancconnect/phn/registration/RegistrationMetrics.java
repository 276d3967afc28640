package org.ancconnect.phn.registration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.EnumMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Business counters of registration, with the names and label values fixed by
 * {@code infra/observability/metrics.yaml}: {@code phn_registrations_total{outcome=new|linked|review|rejected}}
 * and {@code phn_match_decisions_total{decision=auto_link|review|new}} (probabilistic decisions only; the
 * deterministic tier and the midwife's own decisions are not the matcher's). Replays of an already
 * registered source record are not registrations and count only in {@code phn_registration_replays_total}.
 */
@ApplicationScoped
public class RegistrationMetrics {

    private final Map<RegistrationResult.Outcome, Counter> registrations = new EnumMap<>(RegistrationResult.Outcome.class);
    private final Map<RegistrationResult.Outcome, Counter> decisions = new EnumMap<>(RegistrationResult.Outcome.class);
    private final Counter rejected;
    private final Counter replays;

    public RegistrationMetrics(MeterRegistry meters) {
        for (RegistrationResult.Outcome o : RegistrationResult.Outcome.values()) {
            String outcome = switch (o) {
                case NEW, NEW_MANUAL -> "new";
                case NEW_PENDING_REVIEW -> "review";
                case LINKED_AUTO, LINKED_DETERMINISTIC, LINKED_MANUAL -> "linked";
            };
            registrations.put(o, meters.counter("phn.registrations", "outcome", outcome));
        }
        decisions.put(RegistrationResult.Outcome.LINKED_AUTO, meters.counter("phn.match.decisions", "decision", "auto_link"));
        decisions.put(RegistrationResult.Outcome.NEW_PENDING_REVIEW, meters.counter("phn.match.decisions", "decision", "review"));
        decisions.put(RegistrationResult.Outcome.NEW, meters.counter("phn.match.decisions", "decision", "new"));
        rejected = meters.counter("phn.registrations", "outcome", "rejected");
        replays = meters.counter("phn.registration.replays");
    }

    /** Counts a committed registration. */
    void registered(RegistrationResult r) {
        if (r.replayed()) {
            replays.increment();
            return;
        }
        registrations.get(r.outcome()).increment();
        // LINKED_AUTO, NEW_PENDING_REVIEW and NEW come only from the probabilistic tier.
        Counter decision = decisions.get(r.outcome());
        if (decision != null) {
            decision.increment();
        }
    }

    /**
     * Counts registrations refused with a client error (invalid input, a refused link): they end in a
     * problem response before or inside the service, so the response is where all of them are seen.
     * Unauthenticated and forbidden calls are not registrations and are left to the HTTP metrics.
     */
    @ServerResponseFilter
    public void countRejected(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status >= 400 && status < 500 && status != 401 && status != 403 && "POST".equals(request.getMethod())
                && request.getUriInfo().getPath().equals("/api/registrations")) {
            rejected.increment();
        }
    }
}
