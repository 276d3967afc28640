package org.ancconnect.sync.mapping;

/**
 * A tracked entity that cannot be mapped: a permanent failure (retrying cannot help), reported with
 * the DHIS2 field at fault so an implementer can fix the data or the mapping.
 */
public class MappingException extends RuntimeException {

    private final String field;

    public MappingException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    /** The DHIS2 field at fault, e.g. {@code enrollments[0].events[Xyz].dataValues[Y3xF4qecAVw]}. */
    public String field() {
        return field;
    }
}
