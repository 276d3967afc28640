package org.ancconnect.dhis2standin.tracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.ancconnect.dhis2standin.StandinConfig;

/**
 * The list envelope of the configured DHIS2 version: 2.40 answers
 * {@code {"page":1,"pageSize":50,"total":..,"pageCount":..,"instances":[...]}}; 2.41 and 2.42 answer
 * {@code {"pager":{"page":1,"pageSize":50,"total":..,"pageCount":..},"trackedEntities":[...]}}
 * (or {@code "events"}). {@code total}/{@code pageCount} only with {@code totalPages=true}.
 */
@ApplicationScoped
public class Envelopes {

    private final ObjectMapper json;
    private final boolean legacy;

    public Envelopes(ObjectMapper json, StandinConfig config) {
        this.json = json;
        this.legacy = config.legacyEnvelope();
    }

    public ObjectNode wrap(String collection, JsonNode items, TrackerQuery q, Long total) {
        ObjectNode out = json.createObjectNode();
        ObjectNode pager = legacy ? out : json.createObjectNode();
        if (q.paging()) {
            pager.put("page", q.page());
            pager.put("pageSize", q.pageSize());
            if (total != null) {
                pager.put("total", total);
                pager.put("pageCount", (total + q.pageSize() - 1) / q.pageSize());
            }
            if (!legacy) {
                out.set("pager", pager);
            }
        }
        out.set(legacy ? "instances" : collection, items);
        return out;
    }
}
