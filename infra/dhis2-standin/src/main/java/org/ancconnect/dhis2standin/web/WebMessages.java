package org.ancconnect.dhis2standin.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** DHIS2's error body (a WebMessage), which is what clients of a real DHIS2 parse, rather than problem+json. */
public class WebMessages {

    @ServerExceptionMapper
    public Response dhis2(Dhis2Exception e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .entity(message(e.status(), "ERROR", e.getMessage())).build();
    }

    /** A WebMessage with the reason phrase DHIS2 puts in {@code httpStatus}. */
    public static ObjectNode message(int status, String outcome, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("httpStatus", Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase());
        body.put("httpStatusCode", status);
        body.put("status", outcome);
        body.put("message", message);
        return body;
    }
}
