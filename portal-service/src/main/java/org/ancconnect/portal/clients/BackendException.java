package org.ancconnect.portal.clients;

import java.util.List;

/**
 * A back end answered with an error (its problem+json, when it sent one) or did not answer. Pages turn a 400 into
 * field messages on the form, the rest into the error page of the same status.
 */
public class BackendException extends RuntimeException {

    private final int status;
    private final String type;
    private final List<Violation> violations;

    /** A field the back end refused and why (its own words, shown next to the field). */
    public record Violation(String field, String message) {
    }

    public BackendException(int status, String type, String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type == null ? "" : type;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public int status() {
        return status;
    }

    /** The problem type's last path segment (e.g. {@code validation}, {@code not-found}), or empty. */
    public String type() {
        int slash = type.lastIndexOf('/');
        return slash < 0 ? type : type.substring(slash + 1);
    }

    public List<Violation> violations() {
        return violations;
    }
}
