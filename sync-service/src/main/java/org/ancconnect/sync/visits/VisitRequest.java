package org.ancconnect.sync.visits;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.OffsetDateTime;
import java.util.List;

/** An ANC visit recorded from the PHM portal: one program-stage event of an existing enrollment. */
public record VisitRequest(
        @NotNull @Pattern(regexp = UID) String trackedEntity,
        @NotNull @Pattern(regexp = UID) String enrollment,
        @Pattern(regexp = UID) String programStage,
        @NotNull OffsetDateTime occurredAt,
        @NotEmpty List<@Valid DataValue> dataValues) {

    static final String UID = "^[a-zA-Z][a-zA-Z0-9]{10}$";

    /** One data element's value, as DHIS2 carries it (a string). */
    public record DataValue(@NotNull @Pattern(regexp = UID) String dataElement, @NotNull String value) {
    }
}
