package org.ancconnect.commons.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error response of the suite's APIs
 * ({@code application/problem+json}).
 *
 * @param type URI identifying the problem type; {@code about:blank} when the HTTP status says it all
 * @param title short, human-readable summary of the problem type
 * @param status the HTTP status code
 * @param detail explanation specific to this occurrence, safe to show to the caller
 * @param instance the request path the problem occurred on
 * @param traceId id to quote to operators; the same id is in the service log next to the cause
 * @param violations one entry per invalid field, for validation problems
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, String traceId,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Base of the suite's problem type URIs; each type is documented in the service's README. */
    public static final String TYPE_BASE = "https://ancconnect.org/problems/";

    /** One invalid input field. {@code field} is the JSON path as the client sent it, e.g. {@code mother.birthDate}. */
    public record Violation(String field, String message) {
    }

    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }
}
