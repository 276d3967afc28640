package org.ancconnect.portal.nehr;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A mother's record as the doctor's and her own portal show it, read from the NEHR in one request. Everything is
 * already sorted for display: visits newest first, blood pressure oldest first (a trend reads left to right),
 * appointments soonest first.
 */
public record MotherRecord(String patientId, Demographics demographics, List<Visit> visits, List<BloodPressure> bloodPressure,
        List<Item> conditions, List<Item> medications, List<Referral> referrals, List<Appointment> appointments) {

    /** Who she is, as the NEHR Patient says. */
    public record Demographics(String phn, String name, LocalDate birthDate, String gender, String phone, String nic) {
    }

    /** One ANC visit or consultation (an Encounter) with the observations recorded at it. */
    public record Visit(String id, OffsetDateTime start, String type, String practitioner, List<Finding> findings) {
    }

    /**
     * One observation: what was measured and its value as text (numbers keep their unit); {@code flag} is set
     * instead for yes/no findings so the page can say yes or no in the reader's language.
     */
    public record Finding(String code, String name, String value, Boolean flag) {
    }

    /** A blood-pressure panel; either value may be missing when it was not measured. */
    public record BloodPressure(OffsetDateTime at, BigDecimal systolic, BigDecimal diastolic) {
    }

    /** A condition or a medication statement: name, status, when recorded. */
    public record Item(String name, String status, OffsetDateTime recorded) {
    }

    /** A referral (ServiceRequest). */
    public record Referral(String name, String status, OffsetDateTime authored, String reason) {
    }

    /** An appointment and where it is. */
    public record Appointment(OffsetDateTime start, String status, String service, String place) {
    }
}
