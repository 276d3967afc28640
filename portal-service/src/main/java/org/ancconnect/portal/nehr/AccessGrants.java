package org.ancconnect.portal.nehr;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * A doctor's access to a mother's record, kept in the NEHR itself (so every portal replica agrees): an access
 * grant is a FHIR Consent (permit, time-limited by {@code provision.period}, actor the doctor, verified by the
 * mother through eSignet); a break-glass access is an AuditEvent (purpose BTG, the reason as its text) that opens
 * a window of the same kind. Checking both is one batch request.
 *
 * <p>A live decision (grant or break-glass window open) is kept for {@code portal.record.access-cache-ttl} with its own
 * end: every request compares that end with the clock, so an expired grant is refused on the first request after
 * its end, cached or not. A refusal is never kept (a grant made on another replica counts at once), and this portal's
 * grant and break-glass writes forget the doctor's decision for that PHN.
 */
@ApplicationScoped
public class AccessGrants {

    /** Business identifier system of grants: the identity-service verification the grant came from. */
    public static final String GRANT_SYSTEM = "https://anc-connect.health.gov.lk/identifier/verification";

    private record Key(String doctor, String phn, Duration window) {
    }

    private final NehrClient nehr;
    private final NehrConfig config;
    private final Cache<Key, Access> live;

    AccessGrants(NehrClient nehr, NehrConfig config, RecordConfig cache, MeterRegistry meters) {
        this.nehr = nehr;
        this.config = config;
        this.live = Caffeine.newBuilder().maximumSize(cache.accessCacheSize()).expireAfterWrite(cache.accessCacheTtl())
                .recordStats().build();
        CaffeineCacheMetrics.monitor(meters, live, "portal.access");
    }

    /** Her Patient, the doctor's current grant and break-glass window; {@code window} is how long a break-glass lasts. */
    public Uni<Access> check(Accessor doctor, String phn, Duration window, Instant now) {
        Key key = new Key(doctor.subject(), Systems.phnValue(phn), window);
        Access cached = live.getIfPresent(key);
        if (cached != null && cached.allowed(now)) {
            return Uni.createFrom().item(cached);
        }
        return read(doctor, phn, window, now).invoke(a -> {
            if (a.allowed(now)) {
                live.put(key, a);
            } else {
                live.invalidate(key);
            }
        });
    }

    private Uni<Access> read(Accessor doctor, String phn, Duration window, Instant now) {
        String patient = "patient:Patient.identifier=" + Transactions.token(Systems.PHN, Systems.phnValue(phn));
        String actor = Transactions.token(config.staffSystem(), doctor.subject());
        Bundle batch = Transactions.batch();
        Transactions.get(batch, "Patient?identifier=" + Transactions.token(Systems.PHN, Systems.phnValue(phn)));
        Transactions.get(batch, "Consent?" + patient + "&actor:Practitioner.identifier=" + actor + "&status=active&_sort=-date&_count=20");
        Transactions.get(batch, "AuditEvent?entity:Patient.identifier=" + Transactions.token(Systems.PHN, Systems.phnValue(phn))
                + "&agent:Practitioner.identifier=" + actor + "&subtype=" + Transactions.token(AuditEvents.SUBTYPES, AuditEvents.BREAK_GLASS)
                + "&date=ge" + now.minus(window) + "&_sort=-date&_count=1");
        return nehr.post(batch).map(r -> access(r, window, now));
    }

    private Access access(Bundle response, Duration window, Instant now) {
        List<String> searched = List.of("Patient", "Consent", "AuditEvent");
        List<Bundle> results = new java.util.ArrayList<>();
        for (int i = 0; i < response.getEntry().size(); i++) {
            Bundle.BundleEntryComponent e = response.getEntry().get(i);
            if (!e.getResponse().getStatus().startsWith("200")) {
                String codes = e.getResponse().getOutcome() instanceof OperationOutcome oo ? oo.getIssue().stream()
                        .map(x -> x.getCode() == null ? "" : x.getCode().toCode()).toList().toString() : "[]";
                throw new NehrException(Integer.parseInt(e.getResponse().getStatus().substring(0, 3)), "NEHR access check: "
                        + searched.get(i) + " search answered " + e.getResponse().getStatus() + " " + codes);
            }
            results.add((Bundle) e.getResource());
        }
        Patient patient = results.get(0).getEntry().stream().map(e -> e.getResource()).filter(Patient.class::isInstance)
                .map(Patient.class::cast).findFirst().orElse(null);
        if (patient == null) {
            return new Access(null, List.of(), null, null, null);
        }
        Instant grantUntil = results.get(1).getEntry().stream().map(e -> (Consent) e.getResource())
                .map(c -> c.getProvision().getPeriod())
                .filter(p -> p.hasStart() && p.hasEnd() && !p.getStart().toInstant().isAfter(now))
                .map(p -> p.getEnd().toInstant()).max(Instant::compareTo).orElse(null);
        AuditEvent btg = results.get(2).getEntry().stream().map(e -> (AuditEvent) e.getResource()).findFirst().orElse(null);
        List<String> subs = patient.getIdentifier().stream().filter(i -> config.esignetSubSystem().equals(i.getSystem()))
                .map(Identifier::getValue).toList();
        return new Access(RecordMapper.demographics(patient), subs, grantUntil,
                btg == null ? null : btg.getRecorded().toInstant().plus(window),
                btg == null ? null : btg.getPurposeOfEventFirstRep().getText());
    }

    /**
     * Records her grant: a Consent permitting the doctor to read her record for treatment from now for
     * {@code duration}, verified by her eSignet verification {@code verificationId} at {@code verifiedAt}. The
     * verification id is the Consent's identifier, so a repeated submission creates no second grant.
     */
    public Uni<Instant> grant(Accessor doctor, String phn, String verificationId, Instant verifiedAt, Duration duration, Instant now) {
        Bundle tx = Transactions.transaction();
        Reference practitioner = new Reference(Transactions.practitioner(tx, doctor, config.staffSystem()));
        Reference patient = Transactions.patientByPhn(phn);
        Consent c = new Consent();
        c.addIdentifier().setSystem(GRANT_SYSTEM).setValue(verificationId);
        c.setStatus(Consent.ConsentState.ACTIVE);
        c.setScope(concept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent"));
        c.addCategory(concept(Systems.LOINC, "59284-0", "Patient Consent"));
        c.setPatient(patient);
        c.setDateTime(Date.from(now));
        c.addPerformer(patient.copy());
        c.setPolicyRule(concept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN", "opt-in"));
        c.addVerification().setVerified(true).setVerifiedWith(patient.copy()).setVerificationDate(Date.from(verifiedAt));
        Instant until = now.plus(duration);
        Consent.ProvisionComponent p = c.getProvision();
        p.setType(Consent.ConsentProvisionType.PERMIT);
        p.setPeriod(new Period().setStart(Date.from(now)).setEnd(Date.from(until)));
        p.addActor().setRole(concept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient"))
                .setReference(practitioner);
        p.addAction(concept("http://terminology.hl7.org/CodeSystem/consentaction", "access", "Access"));
        p.addPurpose(new Coding(Systems.ACT_REASON, Purpose.TREAT.name(), Purpose.TREAT.display()));
        Transactions.create(tx, c, "identifier=" + Transactions.token(GRANT_SYSTEM, verificationId));
        return nehr.post(tx).eventually(() -> forget(doctor, phn)).replaceWith(until);
    }

    /** Records a break-glass access with its mandatory reason; the window starts now. */
    public Uni<Void> breakGlass(Accessor doctor, String phn, String reason, Instant now) {
        Bundle tx = Transactions.transaction();
        Reference practitioner = new Reference(Transactions.practitioner(tx, doctor, config.staffSystem()));
        Transactions.create(tx, AuditEvents.breakGlass(doctor, practitioner, Transactions.patientByPhn(phn), reason, Date.from(now)), null);
        return nehr.post(tx).eventually(() -> forget(doctor, phn)).replaceWithVoid();
    }

    private void forget(Accessor doctor, String phn) {
        live.asMap().keySet().removeIf(k -> k.doctor().equals(doctor.subject()) && k.phn().equals(Systems.phnValue(phn)));
    }

    private static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept(new Coding(system, code, display));
    }
}
