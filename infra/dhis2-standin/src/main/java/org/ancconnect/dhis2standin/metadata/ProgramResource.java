package org.ancconnect.dhis2standin.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.ancconnect.dhis2standin.web.Dhis2Exception;
import org.ancconnect.dhis2standin.web.FieldFilter;

/** {@code GET /api/programs[/{id}]}: the metadata API's shapes, default fields {@code id,displayName}. */
@Path("/api/programs")
@Produces(MediaType.APPLICATION_JSON)
public class ProgramResource {

    private static final String DEFAULT_FIELDS = "id,displayName";

    private final ProgramMetadata metadata;
    private final ObjectMapper json;

    public ProgramResource(ProgramMetadata metadata, ObjectMapper json) {
        this.metadata = metadata;
        this.json = json;
    }

    @GET
    public ObjectNode list(@QueryParam("fields") String fields) {
        ObjectNode out = json.createObjectNode();
        out.putObject("pager").put("page", 1).put("total", 1).put("pageSize", 50).put("pageCount", 1);
        out.putArray("programs").add(FieldFilter.parse(fields, DEFAULT_FIELDS).apply(metadata.program()));
        return out;
    }

    @GET
    @Path("/{id}")
    public JsonNode one(@PathParam("id") String id, @QueryParam("fields") String fields) {
        if (!metadata.programId().equals(id)) {
            throw Dhis2Exception.notFound("Program with id " + id + " could not be found.");
        }
        return FieldFilter.parse(fields, "*").apply(metadata.program());
    }
}
