package org.ancconnect.commons.problem;

import java.net.URI;
import java.util.List;

/**
 * Thrown by services for an expected failure the caller must hear about (not found, conflict, invalid
 * state). Mapped to {@code application/problem+json} by {@link ProblemExceptionMappers}; the message is
 * the problem's {@code detail}, so it must never carry personal data beyond what the caller sent.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final URI type;
    private final String title;
    private final List<Problem.Violation> violations;

    public ProblemException(int status, String typeSlug, String title, String detail) {
        this(status, typeSlug, title, detail, List.of());
    }

    public ProblemException(int status, String typeSlug, String title, String detail,
            List<Problem.Violation> violations) {
        super(detail, null, false, false);
        this.status = status;
        this.type = Problem.type(typeSlug);
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    /** A 400 naming the offending field. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(400, "validation", "Invalid request", field + ": " + message,
                List.of(new Problem.Violation(field, message)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail);
    }

    public static ProblemException conflict(String typeSlug, String detail) {
        return new ProblemException(409, typeSlug, "Conflict", detail);
    }

    public int status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }
}
