package org.ancconnect.portal.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Reads a back end's problem+json error into a {@link BackendException}; the body never reaches a log. */
public class BackendExceptionMapper implements ResponseExceptionMapper<BackendException> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public BackendException toThrowable(Response response) {
        String type = "";
        String detail = "HTTP " + response.getStatus();
        List<BackendException.Violation> violations = new ArrayList<>();
        if (response.hasEntity()) {
            try {
                JsonNode problem = JSON.readTree(response.readEntity(String.class));
                type = problem.path("type").asText("");
                detail = problem.path("detail").asText(detail);
                problem.path("violations").forEach(v -> violations.add(
                        new BackendException.Violation(v.path("field").asText(""), v.path("message").asText(""))));
            } catch (IOException | RuntimeException notProblemJson) {
                type = "";
            }
        }
        return new BackendException(response.getStatus(), type, detail, violations);
    }
}
