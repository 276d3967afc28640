package org.ancconnect.dhis2standin.tracker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ancconnect.dhis2standin.metadata.ProgramMetadata;
import org.ancconnect.dhis2standin.web.Dhis2Exception;

/**
 * Parses the export query parameters the way DHIS2 2.40 - 2.42 accept them: both the current names
 * ({@code orgUnits}, {@code orgUnitMode}) and the deprecated ones ({@code orgUnit} with {@code ;},
 * {@code ouMode}), {@code paging}/{@code skipPaging}, and validates them with DHIS2's 400 messages.
 */
@ApplicationScoped
public class ExportParameters {

    private static final Map<String, String> ENTITY_ORDER = Map.of("updatedAt", "updated_at", "createdAt", "created_at",
            "trackedEntity", "uid", "updatedAtClient", "updated_at", "createdAtClient", "created_at");
    private static final Map<String, String> EVENT_ORDER = Map.of("updatedAt", "updated_at", "createdAt", "created_at",
            "occurredAt", "occurred_at", "scheduledAt", "scheduled_at", "event", "uid");
    private static final Set<String> MODES = Set.of("SELECTED", "CHILDREN", "DESCENDANTS", "ACCESSIBLE", "CAPTURE", "ALL");

    private final ProgramMetadata metadata;
    private final ServerClock clock;

    public ExportParameters(ProgramMetadata metadata, ServerClock clock) {
        this.metadata = metadata;
        this.clock = clock;
    }

    public TrackerQuery trackedEntities(MultivaluedMap<String, String> p) {
        String program = p.getFirst("program");
        String type = p.getFirst("trackedEntityType");
        if (program == null && type == null && p.getFirst("trackedEntities") == null) {
            throw Dhis2Exception.badRequest("Either `program`, `trackedEntityType` or `trackedEntities` should be specified");
        }
        if (type != null && !type.equals(metadata.trackedEntityType())) {
            throw Dhis2Exception.badRequest("Tracked entity type is specified but does not exist: " + type);
        }
        TrackerQuery q = query(p, ENTITY_ORDER, null);
        List<TrackerQuery.AttributeFilter> filters = filters(p);
        return filters.isEmpty() ? q : new TrackerQuery(q.program(), q.programStage(), q.trackedEntity(), q.orgUnits(),
                q.updatedAfter(), q.updatedBefore(), q.order(), q.page(), q.pageSize(), q.paging(), q.totalPages(),
                q.includeDeleted(), filters);
    }

    /** {@code filter=<attribute>:eq|like:<value>}, repeated or comma-separated (2.40 also takes {@code attribute=}). */
    private List<TrackerQuery.AttributeFilter> filters(MultivaluedMap<String, String> p) {
        List<TrackerQuery.AttributeFilter> out = new ArrayList<>();
        List<String> clauses = new ArrayList<>(p.getOrDefault("filter", List.of()));
        clauses.addAll(p.getOrDefault("attribute", List.of()));
        for (String clause : clauses) {
            for (String one : clause.split(",")) {
                String[] parts = one.split(":", 3);
                if (parts.length != 3 || !(parts[1].equalsIgnoreCase("eq") || parts[1].equalsIgnoreCase("like"))) {
                    throw Dhis2Exception.badRequest("Query item or filter is invalid: " + one);
                }
                if (metadata.attributeType(parts[0]).isEmpty()) {
                    throw Dhis2Exception.badRequest("Attribute does not exist: " + parts[0]);
                }
                out.add(new TrackerQuery.AttributeFilter(parts[0], parts[1].toLowerCase(), parts[2]));
            }
        }
        return out;
    }

    public TrackerQuery events(MultivaluedMap<String, String> p) {
        String stage = p.getFirst("programStage");
        if (stage != null && !metadata.stageExists(stage)) {
            throw Dhis2Exception.badRequest("Program stage is specified but does not exist: " + stage);
        }
        return query(p, EVENT_ORDER, stage);
    }

    private TrackerQuery query(MultivaluedMap<String, String> p, Map<String, String> orderColumns, String stage) {
        String program = p.getFirst("program");
        if (program != null && !program.equals(metadata.programId())) {
            throw Dhis2Exception.badRequest("Program is specified but does not exist: " + program);
        }
        Set<String> orgUnits = orgUnits(p);
        String mode = first(p, "orgUnitMode", "ouMode");
        if (mode != null && !MODES.contains(mode)) {
            throw Dhis2Exception.badRequest("Value " + mode + " is not valid for parameter orgUnitMode");
        }
        if ("SELECTED".equals(mode) || "CHILDREN".equals(mode) || "DESCENDANTS".equals(mode)) {
            if (orgUnits.isEmpty()) {
                throw Dhis2Exception.badRequest("At least one org unit is required for orgUnitMode: " + mode);
            }
        }
        if ("ACCESSIBLE".equals(mode) || "CAPTURE".equals(mode) || "ALL".equals(mode)) {
            if (!orgUnits.isEmpty()) {
                throw Dhis2Exception.badRequest("orgUnitMode " + mode + " cannot be used with orgUnits. Please remove the orgUnits parameter and try again.");
            }
        }
        boolean paging = !"false".equalsIgnoreCase(p.getFirst("paging")) && !"true".equalsIgnoreCase(p.getFirst("skipPaging"));
        int page = positive(p.getFirst("page"), 1, "page");
        int pageSize = positive(p.getFirst("pageSize"), 50, "pageSize");
        String trackedEntity = p.getFirst("trackedEntity");
        if (trackedEntity == null && p.getFirst("trackedEntities") != null) {
            trackedEntity = p.getFirst("trackedEntities");
        }
        return new TrackerQuery(program, stage, trackedEntity, orgUnits,
                clock.parse(p.getFirst("updatedAfter"), "updatedAfter"),
                clock.parse(p.getFirst("updatedBefore"), "updatedBefore"), order(p.getFirst("order"), orderColumns),
                page, pageSize, paging, "true".equalsIgnoreCase(p.getFirst("totalPages")),
                "true".equalsIgnoreCase(p.getFirst("includeDeleted")), List.of());
    }

    private Set<String> orgUnits(MultivaluedMap<String, String> p) {
        Set<String> units = new LinkedHashSet<>();
        for (String key : List.of("orgUnits", "orgUnit")) {
            for (String value : p.getOrDefault(key, List.of())) {
                units.addAll(Arrays.stream(value.split("[,;]")).filter(s -> !s.isBlank()).toList());
            }
        }
        for (String ou : units) {
            if (!metadata.orgUnits().contains(ou)) {
                throw Dhis2Exception.badRequest("Organisation unit does not exist: " + ou);
            }
        }
        return units;
    }

    private static List<TrackerQuery.Order> order(String order, Map<String, String> columns) {
        List<TrackerQuery.Order> out = new ArrayList<>();
        if (order == null || order.isBlank()) {
            return out;
        }
        for (String clause : order.split(",")) {
            String[] parts = clause.trim().split(":");
            String column = columns.get(parts[0]);
            String direction = parts.length > 1 ? parts[1].toLowerCase() : "asc";
            if (column == null || !(direction.equals("asc") || direction.equals("desc"))) {
                throw Dhis2Exception.badRequest("order parameter is invalid. Cannot order by '" + parts[0]
                        + "'. Supported are data elements, attributes and fields " + columns.keySet() + ".");
            }
            out.add(new TrackerQuery.Order(column, direction.equals("asc")));
        }
        return out;
    }

    private static int positive(String value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below as DHIS2 does
        }
        throw Dhis2Exception.badRequest(name + " must be greater than or equal to 1");
    }

    private static String first(MultivaluedMap<String, String> p, String name, String deprecated) {
        return p.getFirst(name) != null ? p.getFirst(name) : p.getFirst(deprecated);
    }
}
