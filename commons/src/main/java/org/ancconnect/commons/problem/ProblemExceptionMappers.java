package org.ancconnect.commons.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one set of exception mappers of a service: every error leaves as RFC 9457
 * {@code application/problem+json}, validation errors name the offending fields, and no stack trace
 * or exception message of an unexpected failure leaves the process (it is logged with the trace id
 * the caller receives).
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(new Problem(e.type(), e.title(), e.status(), e.getMessage(), path(uri), traceId(),
                e.violations()));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            violations.add(new Problem.Violation(fieldOf(v.getPropertyPath()), v.getMessage()));
        }
        violations.sort(Comparator.comparing(Problem.Violation::field));
        return respond(new Problem(Problem.type("validation"), "Invalid request", 400,
                violations.size() + " invalid field(s): " + String.join(", ",
                        violations.stream().map(Problem.Violation::field).distinct().toList()),
                path(uri), traceId(), violations));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException jme ? jsonPath(jme) : "";
        String message;
        if (e instanceof UnrecognizedPropertyException upe) {
            field = field.isEmpty() ? upe.getPropertyName() : field;
            message = "unknown field";
        } else if (e instanceof InvalidFormatException ife) {
            message = "value not allowed" + (ife.getTargetType() != null && ife.getTargetType().isEnum()
                    ? "; expected one of " + java.util.Arrays.toString(ife.getTargetType().getEnumConstants())
                    : " for type " + (ife.getTargetType() == null ? "?" : ife.getTargetType().getSimpleName()));
        } else if (e instanceof JsonMappingException) {
            message = "cannot be read: " + e.getOriginalMessage().lines().findFirst().orElse("malformed value");
        } else {
            message = "malformed JSON at line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr());
        }
        String fieldName = field.isEmpty() ? "body" : field;
        return respond(new Problem(Problem.type("validation"), "Invalid request", 400, fieldName + ": " + message,
                path(uri), traceId(), List.of(new Problem.Violation(fieldName, message))));
    }

    /** Quarkus REST ships a text/plain mapper for this subtype; ours must be at least as specific to win. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.StatusType info = Response.Status.fromStatusCode(status);
        String title = info == null ? "HTTP " + status : info.getReasonPhrase();
        // Framework messages (404 path not found, 405, 415) are generic and safe to return.
        return respond(new Problem(URI.create("about:blank"), title, status, e.getMessage(), path(uri), traceId(),
                List.of()));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        String traceId = traceId();
        LOG.errorf(e, "Unexpected failure on %s (traceId=%s)", path(uri), traceId);
        return respond(new Problem(Problem.type("internal"), "Internal error", 500,
                "The request could not be completed; quote the trace id to the operators.", path(uri), traceId,
                List.of()));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** Bean Validation paths look like {@code register.arg0.mother.birthDate}: keep the part the client sent. */
    static String fieldOf(Path path) {
        List<String> parts = new ArrayList<>();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            String name = node.getName();
            if (node.getIndex() != null && !parts.isEmpty()) {
                parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + node.getIndex() + "]");
            }
            if (name != null && !name.isEmpty() && !name.startsWith("<")) {
                parts.add(name);
            }
        }
        if (parts.isEmpty()) {
            // A parameter-level constraint (query or path parameter): its name is the parameter's.
            for (Path.Node node : path) {
                if (node.getKind() == ElementKind.PARAMETER) {
                    return node.getName();
                }
            }
            return "body";
        }
        return String.join(".", parts);
    }

    static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    /** The OpenTelemetry trace id when tracing is on (it is put in the MDC), otherwise a fresh id. */
    static String traceId() {
        Object id = MDC.get("traceId");
        return id != null ? id.toString() : UUID.randomUUID().toString().replace("-", "");
    }
}
