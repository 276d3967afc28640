package org.ancconnect.sync.reports;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code POST /api/reports/anc-monthly}: which month (DHIS2 period yyyyMM), which facility, preview or push. */
public record ReportRequest(
        @NotNull @Pattern(regexp = "^\\d{4}(0[1-9]|1[0-2])$", message = "must be a monthly DHIS2 period yyyyMM") String period,
        @NotNull @Pattern(regexp = "^[a-zA-Z][a-zA-Z0-9]{10}$", message = "must be a DHIS2 org unit uid") String orgUnit,
        Boolean dryRun) {
}
