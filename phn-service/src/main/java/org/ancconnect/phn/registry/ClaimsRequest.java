package org.ancconnect.phn.registry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.ancconnect.phn.registration.RegistrationRequest;

/** Demographic claims (e.g. released by eSignet) to compare with a PHN's record field by field. */
public record ClaimsRequest(
        @NotEmpty @Size(max = 6) List<@NotBlank @Size(max = 60) String> givenNames,
        @NotBlank @Size(max = 100) String familyName,
        @PastOrPresent LocalDate birthDate,
        RegistrationRequest.Sex sex,
        @Pattern(regexp = "^\\+?[0-9][0-9 ]{8,18}$", message = "must be a phone number") String phone,
        @Size(max = 100) String district) {
}
