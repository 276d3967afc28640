package org.ancconnect.dhis2standin.tracker;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A parsed export query (tracked entities or events). {@code orgUnits} empty means every accessible
 * org unit. Paging is 1-based as in DHIS2.
 */
public record TrackerQuery(String program, String programStage, String trackedEntity, Set<String> orgUnits,
        Instant updatedAfter, Instant updatedBefore, List<Order> order, int page, int pageSize, boolean paging,
        boolean totalPages, boolean includeDeleted, List<AttributeFilter> filters) {

    /** One {@code order} clause: a column and its direction. */
    public record Order(String column, boolean ascending) {
    }

    /** One {@code filter=<attribute>:<operator>:<value>} clause (operators eq and like, case-insensitive as in DHIS2). */
    public record AttributeFilter(String attribute, String operator, String value) {
    }

    public int offset() {
        return (page - 1) * pageSize;
    }
}
