package org.ancconnect.portal.nehr;

import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;

/**
 * Builds the AuditEvents the portal writes: one per record view (DICOM 110110 "Patient Record", read) and one per
 * break-glass access (DICOM 110113 "Security Alert", subtype {@link #BREAK_GLASS}). Who (agent with name and role,
 * the requestor), the patient (entity), the purpose of use (with the break-glass reason as its text).
 */
public final class AuditEvents {

    /** Code system of the portal's own audit subtypes. */
    public static final String SUBTYPES = "https://anc-connect.health.gov.lk/CodeSystem/audit-subtype";
    public static final String BREAK_GLASS = "break-glass";
    static final String PORTAL = "ANC Connect portal";

    private AuditEvents() {
    }

    /** A record view by {@code who} (a reference inside the same transaction or a conditional one). */
    public static AuditEvent view(Accessor accessor, Reference who, Reference patient, Purpose purpose, String reason, Date now) {
        AuditEvent ae = base(accessor, who, patient, purpose, reason, now);
        ae.setType(new Coding(Systems.DICOM, "110110", "Patient Record"));
        ae.addSubtype(new Coding("http://hl7.org/fhir/restful-interaction", "read", "read"));
        ae.setAction(AuditEvent.AuditEventAction.R);
        return ae;
    }

    /** The start of a break-glass access: the doctor's reason, and the window it opens. */
    public static AuditEvent breakGlass(Accessor accessor, Reference who, Reference patient, String reason, Date now) {
        AuditEvent ae = base(accessor, who, patient, Purpose.BTG, reason, now);
        ae.setType(new Coding(Systems.DICOM, "110113", "Security Alert"));
        ae.addSubtype(new Coding(SUBTYPES, BREAK_GLASS, "Break-glass access"));
        ae.setAction(AuditEvent.AuditEventAction.E);
        return ae;
    }

    private static AuditEvent base(Accessor accessor, Reference who, Reference patient, Purpose purpose, String reason, Date now) {
        AuditEvent ae = new AuditEvent();
        ae.setRecorded(now);
        ae.setOutcome(AuditEvent.AuditEventOutcome._0);
        CodeableConcept why = new CodeableConcept(new Coding(Systems.ACT_REASON, purpose.name(), purpose.display()));
        if (reason != null && !reason.isBlank()) {
            why.setText(reason);
        }
        ae.addPurposeOfEvent(why);
        AuditEvent.AuditEventAgentComponent agent = ae.addAgent();
        agent.setWho(who.setDisplay(accessor.name()));
        agent.setName(accessor.name());
        agent.setRequestor(true);
        agent.addRole(new CodeableConcept().setText(accessor.role()));
        agent.addPurposeOfUse(why.copy());
        ae.getSource().setSite(PORTAL).setObserver(new Reference().setDisplay(PORTAL));
        AuditEvent.AuditEventEntityComponent entity = ae.addEntity();
        entity.setWhat(patient);
        entity.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"));
        entity.setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"));
        return ae;
    }
}
