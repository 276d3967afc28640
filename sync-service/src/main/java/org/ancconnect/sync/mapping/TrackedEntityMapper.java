package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Maps one tracked entity to one FHIR transaction bundle for the NEHR, given what the previous sync
 * of the same entity produced ({@code previousKeys}): whatever is no longer produced (a deleted or
 * re-opened event, a removed value, a "true" turned "false", a deleted tracked entity) is retracted
 * with a conditional DELETE in the same transaction. Pure and thread-safe: no I/O.
 */
public final class TrackedEntityMapper {

    /**
     * The bundle and the business keys of the resources it upserts (to be stored for the next sync); the shared
     * resources it refers to by key with their stored content (to remember once the NEHR committed), and the keys of
     * those left out of the bundle because {@link SharedResources} said the NEHR holds them unchanged.
     */
    public record Result(ObjectNode bundle, Set<String> keys, Map<String, String> shared, Set<String> omitted) {

        public Result(ObjectNode bundle, Set<String> keys) {
            this(bundle, keys, Map.of(), Set.of());
        }
    }

    /** Which DHIS2 instance the entity comes from: its zone, systemId and version. */
    public record Source(ZoneId zone, String systemId, String version, String identifierNamespace) {
    }

    /** The identifier system of the PHN, the NEHR's key of every Patient. */
    public static final String PHN_SYSTEM = PatientMapper.PHN;

    private static final Set<String> SCHEDULED = Set.of("SCHEDULE", "OVERDUE", "SKIPPED");

    private TrackedEntityMapper() {
    }

    public static Result map(TrackedEntity te, ProgramMapping mapping, Source source, Map<String, Dhis2User> users,
            Set<String> previousKeys) {
        return map(te, mapping, source, users, previousKeys, SharedResources.NONE);
    }

    /** As above, leaving out the shared resources the NEHR is known to hold unchanged ({@code known}). */
    public static Result map(TrackedEntity te, ProgramMapping mapping, Source source, Map<String, Dhis2User> users,
            Set<String> previousKeys, SharedResources known) {
        BundleBuilder bundle = new BundleBuilder(known);
        MappingContext ctx = new MappingContext(mapping, source.zone(), source.systemId(), source.version(),
                source.identifierNamespace(), users, bundle);
        if (!te.deleted()) {
            String patient = PatientMapper.patient(ctx, te);
            for (TrackedEntity.Enrollment en : te.enrollments()) {
                if (en.deleted() || !en.program().equals(mapping.program())) {
                    continue;
                }
                for (TrackedEntity.Event ev : en.events()) {
                    if (!ev.deleted()) {
                        event(ctx, ev, patient);
                    }
                }
            }
        }
        for (String key : previousKeys) {
            // The Patient is the mother's record in the NEHR, shared with registrations: a deleted DHIS2 entity retracts
            // what DHIS2 contributed (visits, findings), never the person.
            if (!bundle.keys().contains(key) && !key.startsWith("Patient?")) {
                bundle.retract(key);
            }
        }
        return new Result(bundle.build(), Set.copyOf(bundle.keys()), Map.copyOf(bundle.shared()), Set.copyOf(bundle.omitted()));
    }

    private static void event(MappingContext ctx, TrackedEntity.Event ev, String patient) {
        ProgramMapping m = ctx.mapping();
        for (String de : ev.dataValues().keySet()) {
            if (!m.index().isDataElement(de)) {
                throw new MappingException(ev.field() + ".dataValues[" + de + "]", "unknown data element " + de
                        + " (not in program " + m.program() + ")");
            }
        }
        if (m.syncEventStatuses().contains(ev.status())) {
            EncounterMapper.Visit visit = EncounterMapper.encounter(ctx, ev, patient);
            for (Map.Entry<String, String> dv : ev.dataValues().entrySet()) {
                MappingFile.Target t = m.target(dv.getKey());
                if (t == null) {
                    continue;
                }
                switch (t.resource()) {
                    case "Observation" -> ObservationMapper.observation(ctx, ev, dv.getKey(), dv.getValue(), t, patient, visit);
                    case "Condition" -> ConditionMapper.condition(ctx, ev, dv.getKey(), dv.getValue(), t, patient, visit);
                    case "MedicationStatement" ->
                        MedicationStatementMapper.medication(ctx, ev, dv.getKey(), dv.getValue(), t, patient, visit);
                    case "Immunization" -> ImmunizationMapper.immunization(ctx, ev, dv.getKey(), dv.getValue(), t, patient, visit);
                    default -> throw new IllegalStateException("unreachable: resources are checked when the mapping loads");
                }
            }
            ObservationMapper.bloodPressure(ctx, ev, patient, visit);
        } else if (SCHEDULED.contains(ev.status())) {
            AppointmentMapper.appointment(ctx, ev, patient);
        }
    }

    /** The usernames whose DHIS2 user records the mapping of {@code te} needs (practitioners). */
    public static Set<String> usernames(TrackedEntity te) {
        Set<String> names = new LinkedHashSet<>();
        for (TrackedEntity.Enrollment en : te.enrollments()) {
            for (TrackedEntity.Event ev : en.events()) {
                if (ev.performer() != null) {
                    names.add(ev.performer().username());
                }
            }
        }
        return names;
    }
}
