package org.ancconnect.phn.registration;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * A registration (or, for resolve, a dry run of one) as a source system sends it. {@code sourceSystem} +
 * {@code sourceId} is the idempotency key: the same pair always answers with the same PHN.
 *
 * @param previousFamilyNames earlier family names (maiden name) the mother may be registered under
 * @param nic national identity card number, old (9 digits + V/X) or new (12 digits) format; stored only as
 *        a keyed hash
 * @param esignetSub the eSignet pairwise subject of a verified patient
 * @param presentedPhn a PHN the mother presents (card); used only with demographic confirmation
 * @param decision the midwife's own decision at the point of care, recorded as MANUAL
 * @param test a test or training registration: issued from the reserved test POI
 */
public record RegistrationRequest(
        @NotBlank @Size(max = 64) String sourceSystem,
        @NotBlank @Size(max = 128) String sourceId,
        @NotEmpty @Size(max = 6) List<@NotBlank @Size(max = 60) String> givenNames,
        @NotBlank @Size(max = 100) String familyName,
        @Size(max = 5) List<@NotBlank @Size(max = 100) String> previousFamilyNames,
        @NotNull @PastOrPresent LocalDate birthDate,
        boolean birthDateEstimated,
        @NotNull Sex sex,
        @Pattern(regexp = "^\\+?[0-9][0-9 ]{8,18}$", message = "must be a phone number") String phone,
        @Valid Address address,
        @Pattern(regexp = "^([0-9]{9}[VvXx]|[0-9]{12})$", message = "must be a NIC (9 digits and V/X, or 12 digits)")
        String nic,
        @Size(max = 255) String esignetSub,
        @Size(max = 32) String presentedPhn,
        @Pattern(regexp = "^[A-Za-z][A-Za-z0-9]{10}$", message = "must be a DHIS2 uid") String facility,
        @Valid ManualDecision decision,
        boolean test) {

    /** Administrative sex as FHIR and DHIS2 carry it. */
    public enum Sex {
        @JsonProperty("female") FEMALE,
        @JsonProperty("male") MALE,
        @JsonProperty("other") OTHER,
        @JsonProperty("unknown") UNKNOWN;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A postal address. */
    public record Address(@Size(max = 200) String line, @Size(max = 100) String city, @Size(max = 100) String district,
            @Pattern(regexp = "^[0-9A-Za-z -]{0,10}$", message = "must be a postal code") String postalCode) {
    }

    /**
     * The midwife's decision after seeing the candidates.
     *
     * @param action LINK to the person holding {@code phn}, or NEW for a new person
     * @param phn the chosen person's PHN when linking
     */
    public record ManualDecision(@NotNull Action action, @Size(max = 32) String phn) {

        public enum Action { LINK, NEW }
    }
}
