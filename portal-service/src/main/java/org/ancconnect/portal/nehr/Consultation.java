package org.ancconnect.portal.nehr;

import java.math.BigDecimal;

/**
 * What a doctor records at a consultation; every measurement is optional, but at least one of them or the findings
 * must be given. {@code key} makes a double submission of the same form write one consultation.
 */
public record Consultation(String key, Integer systolic, Integer diastolic, BigDecimal fundalHeightCm,
        BigDecimal gestationalAgeWeeks, String findings) {

    public boolean empty() {
        return systolic == null && diastolic == null && fundalHeightCm == null && gestationalAgeWeeks == null
                && (findings == null || findings.isBlank());
    }
}
