package org.ancconnect.dhis2standin.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.ancconnect.dhis2standin.web.Dhis2Exception;
import org.ancconnect.dhis2standin.web.FieldFilter;

/** {@code GET /api/users[/{id}]} with the metadata API's {@code filter=username:eq:...} and {@code fields}. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private static final String DEFAULT_FIELDS = "id,displayName";

    private final Users users;
    private final ObjectMapper json;

    public UserResource(Users users, ObjectMapper json) {
        this.users = users;
        this.json = json;
    }

    @GET
    public ObjectNode list(@QueryParam("filter") String filter, @QueryParam("fields") String fields) {
        FieldFilter select = FieldFilter.parse(fields, DEFAULT_FIELDS);
        ArrayNode out = json.createArrayNode();
        for (User u : users.all()) {
            if (filter == null || matches(u, filter)) {
                out.add(select.apply(render(u)));
            }
        }
        ObjectNode body = json.createObjectNode();
        body.putObject("pager").put("page", 1).put("total", out.size()).put("pageSize", 50).put("pageCount", 1);
        body.set("users", out);
        return body;
    }

    @GET
    @Path("/{id}")
    public JsonNode one(@PathParam("id") String id, @QueryParam("fields") String fields) {
        return users.all().stream().filter(u -> u.id().equals(id)).findFirst()
                .map(u -> FieldFilter.parse(fields, "*").apply(render(u)))
                .orElseThrow(() -> Dhis2Exception.notFound("User with id " + id + " could not be found."));
    }

    private static boolean matches(User u, String filter) {
        String[] parts = filter.split(":", 3);
        if (parts.length != 3 || !parts[1].equals("eq")) {
            throw Dhis2Exception.badRequest("Unsupported filter: " + filter);
        }
        return switch (parts[0]) {
            case "username" -> u.username().equals(parts[2]);
            case "id" -> u.id().equals(parts[2]);
            default -> throw Dhis2Exception.badRequest("Unsupported filter property: " + parts[0]);
        };
    }

    private ObjectNode render(User u) {
        ObjectNode n = json.createObjectNode();
        n.put("id", u.id()).put("username", u.username()).put("firstName", u.firstName()).put("surname", u.surname())
                .put("displayName", u.firstName() + " " + u.surname()).put("phoneNumber", u.phoneNumber())
                .put("email", u.email());
        return n;
    }
}
