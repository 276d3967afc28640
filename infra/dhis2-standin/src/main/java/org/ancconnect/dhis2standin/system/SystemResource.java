package org.ancconnect.dhis2standin.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.TextStyle;
import java.util.Locale;
import org.ancconnect.dhis2standin.StandinConfig;
import org.ancconnect.dhis2standin.auth.AuthFilter;
import org.ancconnect.dhis2standin.auth.User;
import org.ancconnect.dhis2standin.tracker.ServerClock;

/** {@code /api/system/info} and {@code /api/me}, as a client uses them to test a connection. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {

    private final StandinConfig config;
    private final ServerClock clock;
    private final ObjectMapper json;

    public SystemResource(StandinConfig config, ServerClock clock, ObjectMapper json) {
        this.config = config;
        this.clock = clock;
        this.json = json;
    }

    @GET
    @Path("/system/info")
    public ObjectNode info(@Context UriInfo uri) {
        ObjectNode info = json.createObjectNode();
        String base = uri.getBaseUri().toString();
        info.put("contextPath", base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        info.put("version", config.version());
        info.put("revision", "standin");
        info.put("serverDate", clock.format(Instant.now()));
        info.put("serverTimeZoneId", clock.zone().getId());
        info.put("serverTimeZoneDisplayName", clock.zone().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        info.put("systemId", config.systemId());
        info.put("systemName", "DHIS 2 stand-in (ANC Connect, dev/test only)");
        info.put("calendar", "iso8601");
        info.put("dateFormat", "yyyy-mm-dd");
        return info;
    }

    @GET
    @Path("/me")
    public ObjectNode me(@Context ContainerRequestContext request) {
        User user = (User) request.getProperty(AuthFilter.USER);
        ObjectNode me = json.createObjectNode();
        me.put("id", user.id()).put("username", user.username()).put("firstName", user.firstName())
                .put("surname", user.surname()).put("displayName", user.firstName() + " " + user.surname())
                .put("phoneNumber", user.phoneNumber()).put("email", user.email());
        ArrayNode units = me.putArray("organisationUnits");
        user.organisationUnits().forEach(ou -> units.addObject().put("id", ou));
        ArrayNode authorities = me.putArray("authorities");
        user.authorities().forEach(authorities::add);
        return me;
    }
}
