package org.ancconnect.dhis2standin.tracker.imports;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ancconnect.dhis2standin.metadata.ProgramMetadata;
import org.ancconnect.dhis2standin.tracker.ServerClock;
import org.ancconnect.dhis2standin.web.Dhis2Exception;

/** The tracker importer's validation: DHIS2's error codes and messages for what the stand-in checks. */
@ApplicationScoped
public class ImportValidator {

    /** One entry of {@code validationReport.errorReports}. */
    public record ErrorReport(String message, String errorCode, String trackerType, String uid) {
    }

    private static final String UID = "^[a-zA-Z][a-zA-Z0-9]{10}$";
    private static final Set<String> ENROLLMENT_STATUS = Set.of("ACTIVE", "COMPLETED", "CANCELLED");
    private static final Set<String> EVENT_STATUS = Set.of("ACTIVE", "COMPLETED", "VISITED", "SCHEDULE", "OVERDUE", "SKIPPED");

    private final ProgramMetadata metadata;
    private final ServerClock clock;

    public ImportValidator(ProgramMetadata metadata, ServerClock clock) {
        this.metadata = metadata;
        this.clock = clock;
    }

    List<ErrorReport> validate(ImportBundle b, ImportState s, ImportStrategy strategy) {
        List<ErrorReport> errors = new ArrayList<>();
        Set<String> payloadEntities = new HashSet<>();
        for (ImportBundle.Entity te : b.entities()) {
            payloadEntities.add(te.uid());
            String t = "TRACKED_ENTITY";
            if (!existence(errors, t, te.uid(), s.entities.containsKey(te.uid()),
                    s.entities.containsKey(te.uid()) && s.entities.get(te.uid()).deleted(), strategy, "TrackedEntity")) {
                continue;
            }
            if (strategy == ImportStrategy.DELETE) {
                continue;
            }
            if (!metadata.trackedEntityType().equals(te.type())) {
                errors.add(new ErrorReport("Could not find TrackedEntityType: `" + te.type() + "`.", "E1005", t, te.uid()));
            }
            if (te.orgUnit() == null || !metadata.orgUnits().contains(te.orgUnit())) {
                errors.add(new ErrorReport("Could not find OrganisationUnit: `" + te.orgUnit()
                        + "`, linked to Tracked Entity.", "E1049", t, te.uid()));
            }
            attributes(errors, t, te.uid(), te.attributes());
        }
        Set<String> payloadEnrollments = new HashSet<>();
        for (ImportBundle.Enrollment en : b.enrollments()) {
            payloadEnrollments.add(en.uid());
            String t = "ENROLLMENT";
            ImportState.StoredEnrollment stored = s.enrollments.get(en.uid());
            if (!existence(errors, t, en.uid(), stored != null, stored != null && stored.deleted(), strategy, "Enrollment")
                    || strategy == ImportStrategy.DELETE) {
                continue;
            }
            if (en.trackedEntity() == null || !(payloadEntities.contains(en.trackedEntity())
                    || s.entities.containsKey(en.trackedEntity()))) {
                errors.add(new ErrorReport("Could not find TrackedEntity: `" + en.trackedEntity()
                        + "`, linked to Enrollment.", "E1068", t, en.uid()));
            }
            if (!metadata.programId().equals(en.program())) {
                errors.add(new ErrorReport("Could not find Program: `" + en.program() + "`, linked to Enrollment.", "E1069", t,
                        en.uid()));
            }
            if (en.orgUnit() == null || !metadata.orgUnits().contains(en.orgUnit())) {
                errors.add(new ErrorReport("Could not find OrganisationUnit: `" + en.orgUnit() + "`, linked to Enrollment.",
                        "E1070", t, en.uid()));
            }
            if (!ENROLLMENT_STATUS.contains(en.status())) {
                errors.add(new ErrorReport("Enrollment status `" + en.status() + "` is not valid.", "E1025", t, en.uid()));
            }
            if (en.enrolledAt() == null) {
                errors.add(new ErrorReport("Property `enrolledAt` is null.", "E1025", t, en.uid()));
            }
            date(errors, t, en.uid(), "enrolledAt", en.enrolledAt());
            date(errors, t, en.uid(), "occurredAt", en.occurredAt());
            attributes(errors, t, en.uid(), en.attributes());
        }
        Set<String> stageEvents = new HashSet<>(s.liveStageEvents);
        for (ImportBundle.Event ev : b.events()) {
            String t = "EVENT";
            ImportState.StoredEvent stored = s.events.get(ev.uid());
            if (!existence(errors, t, ev.uid(), stored != null, stored != null && stored.deleted(), strategy, "Event")
                    || strategy == ImportStrategy.DELETE) {
                continue;
            }
            if (ev.enrollment() == null || !(payloadEnrollments.contains(ev.enrollment())
                    || s.enrollments.containsKey(ev.enrollment()))) {
                errors.add(new ErrorReport("Could not find Enrollment: `" + ev.enrollment() + "`, linked to Event.", "E1033",
                        t, ev.uid()));
            }
            if (ev.stage() == null || !metadata.stageExists(ev.stage())) {
                errors.add(new ErrorReport("Could not find ProgramStage: `" + ev.stage() + "`, linked to Event.", "E1013", t,
                        ev.uid()));
                continue;
            }
            if (ev.orgUnit() == null || !metadata.orgUnits().contains(ev.orgUnit())) {
                errors.add(new ErrorReport("Could not find OrganisationUnit: `" + ev.orgUnit() + "`, linked to Event.",
                        "E1011", t, ev.uid()));
            }
            if (!EVENT_STATUS.contains(ev.status())) {
                errors.add(new ErrorReport("Event status `" + ev.status() + "` is not valid.", "E1025", t, ev.uid()));
            }
            if ("SCHEDULE".equals(ev.status()) && ev.scheduledAt() == null) {
                errors.add(new ErrorReport("Event ScheduledAt date is missing.", "E1050", t, ev.uid()));
            } else if (!"SCHEDULE".equals(ev.status()) && !"SKIPPED".equals(ev.status()) && ev.occurredAt() == null) {
                errors.add(new ErrorReport("Event OccurredAt date is missing.", "E1031", t, ev.uid()));
            }
            date(errors, t, ev.uid(), "occurredAt", ev.occurredAt());
            date(errors, t, ev.uid(), "scheduledAt", ev.scheduledAt());
            boolean isNew = stored == null;
            if (isNew && !metadata.stageRepeatable(ev.stage()) && !stageEvents.add(ev.enrollment() + "/" + ev.stage())) {
                errors.add(new ErrorReport("ProgramStage: `" + ev.stage()
                        + "`, is not repeatable and an event already exists.", "E1039", t, ev.uid()));
            }
            for (Map.Entry<String, String> dv : ev.dataValues().entrySet()) {
                if (!metadata.stageAccepts(ev.stage(), dv.getKey())) {
                    errors.add(new ErrorReport("DataElement: `" + dv.getKey() + "`, is not part of ProgramStage: `"
                            + ev.stage() + "`.", "E1305", t, ev.uid()));
                } else if (dv.getValue() != null && !dv.getValue().isEmpty()
                        && !ValueTypes.valid(metadata.dataElementType(dv.getKey()).orElseThrow(), dv.getValue())) {
                    errors.add(new ErrorReport("Value: `" + dv.getValue() + "`, is not a valid "
                            + metadata.dataElementType(dv.getKey()).orElseThrow() + " for DataElement: `" + dv.getKey() + "`.",
                            "E1302", t, ev.uid()));
                }
            }
        }
        return errors;
    }

    private boolean existence(List<ErrorReport> errors, String type, String uid, boolean exists, boolean deleted,
            ImportStrategy strategy, String label) {
        if (!uid.matches(UID)) {
            errors.add(new ErrorReport(label + ": `" + uid + "`, has an invalid uid format.", "E1048", type, uid));
            return false;
        }
        if (deleted) {
            errors.add(new ErrorReport(label + ": `" + uid + "`, is already deleted and cannot be modified.", "E1114", type,
                    uid));
            return false;
        }
        if (!exists && (strategy == ImportStrategy.UPDATE || strategy == ImportStrategy.DELETE)) {
            errors.add(new ErrorReport(label + ": `" + uid + "`, does not exist.", "E1063", type, uid));
            return false;
        }
        if (exists && strategy == ImportStrategy.CREATE) {
            errors.add(new ErrorReport(label + ": `" + uid + "`, already exists.", "E1002", type, uid));
            return false;
        }
        return true;
    }

    private void attributes(List<ErrorReport> errors, String type, String uid, Map<String, String> attributes) {
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            var valueType = metadata.attributeType(a.getKey());
            if (valueType.isEmpty()) {
                errors.add(new ErrorReport("Attribute: `" + a.getKey() + "`, does not exist.", "E1006", type, uid));
            } else if (a.getValue() != null && !a.getValue().isEmpty() && !ValueTypes.valid(valueType.get(), a.getValue())) {
                errors.add(new ErrorReport("Value: `" + a.getValue() + "`, is not a valid " + valueType.get()
                        + " for Attribute: `" + a.getKey() + "`.", "E1085", type, uid));
            }
        }
    }

    private void date(List<ErrorReport> errors, String type, String uid, String field, String value) {
        try {
            clock.parse(value, field);
        } catch (Dhis2Exception e) {
            errors.add(new ErrorReport(e.getMessage(), "E1051", type, uid));
        }
    }
}
