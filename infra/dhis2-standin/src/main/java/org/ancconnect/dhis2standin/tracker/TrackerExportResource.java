package org.ancconnect.dhis2standin.tracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import org.ancconnect.dhis2standin.web.Dhis2Exception;
import org.ancconnect.dhis2standin.web.FieldFilter;

/** {@code GET /api/tracker/trackedEntities[/{uid}]} and {@code GET /api/tracker/events}. */
@Path("/api/tracker")
@Produces(MediaType.APPLICATION_JSON)
public class TrackerExportResource {

    /** DHIS2's default selection for tracked entities: everything but the nested collections. */
    static final String DEFAULT_ENTITY_FIELDS = "*,!relationships,!enrollments,!events,!programOwners";
    static final String DEFAULT_EVENT_FIELDS = "*,!relationships";

    private final ExportParameters parameters;
    private final TrackerReader reader;
    private final Envelopes envelopes;
    private final ObjectMapper json;

    public TrackerExportResource(ExportParameters parameters, TrackerReader reader, Envelopes envelopes, ObjectMapper json) {
        this.parameters = parameters;
        this.reader = reader;
        this.envelopes = envelopes;
        this.json = json;
    }

    @GET
    @Path("/trackedEntities")
    public JsonNode trackedEntities(@Context UriInfo uri) throws SQLException {
        TrackerQuery q = parameters.trackedEntities(uri.getQueryParameters());
        FieldFilter fields = FieldFilter.parse(uri.getQueryParameters().getFirst("fields"), DEFAULT_ENTITY_FIELDS);
        TrackerReader.Page page = reader.trackedEntities(q, fields.selects("enrollments") || fields.selects("programOwners"));
        ArrayNode items = json.createArrayNode();
        page.items().forEach(te -> items.add(fields.apply(te)));
        return envelopes.wrap("trackedEntities", items, q, page.total());
    }

    @GET
    @Path("/trackedEntities/{uid}")
    public JsonNode trackedEntity(@PathParam("uid") String uid, @Context UriInfo uri) throws SQLException {
        String program = uri.getQueryParameters().getFirst("program");
        FieldFilter fields = FieldFilter.parse(uri.getQueryParameters().getFirst("fields"), DEFAULT_ENTITY_FIELDS);
        boolean includeDeleted = "true".equalsIgnoreCase(uri.getQueryParameters().getFirst("includeDeleted"));
        return reader.trackedEntity(uid, program, includeDeleted).map(fields::apply)
                .orElseThrow(() -> Dhis2Exception.notFound("TrackedEntity with id " + uid + " could not be found."));
    }

    @GET
    @Path("/events")
    public JsonNode events(@Context UriInfo uri) throws SQLException {
        TrackerQuery q = parameters.events(uri.getQueryParameters());
        FieldFilter fields = FieldFilter.parse(uri.getQueryParameters().getFirst("fields"), DEFAULT_EVENT_FIELDS);
        TrackerReader.Page page = reader.events(q);
        ArrayNode items = json.createArrayNode();
        page.items().forEach(ev -> items.add(fields.apply(ev)));
        return envelopes.wrap("events", items, q, page.total());
    }
}
