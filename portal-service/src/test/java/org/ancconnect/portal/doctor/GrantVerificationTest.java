package org.ancconnect.portal.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.ancconnect.portal.clients.IdentityModels;
import org.ancconnect.portal.nehr.Access;
import org.ancconnect.portal.nehr.MotherRecord;
import org.junit.jupiter.api.Test;

class GrantVerificationTest {

    private static final LocalDate BORN = LocalDate.of(1996, 4, 12);

    @Test
    void herEsignetSubjectOnTheRecordDecides() {
        Access withSub = access(List.of("sub-nimali"), "Nimali Perera", BORN);

        assertThat(GrantVerification.decide(verified("sub-nimali", "Nimali Perera", BORN), withSub))
                .isEqualTo(GrantVerification.Outcome.SUBJECT_MATCH);
        assertThat(GrantVerification.decide(verified("sub-someone-else", "Nimali Perera", BORN), withSub))
                .as("same name and birth date but another eSignet identity").isEqualTo(GrantVerification.Outcome.SUBJECT_MISMATCH);
    }

    @Test
    void withoutASubjectOnTheRecordNameAndBirthDateMustBothAgree() {
        Access noSub = access(List.of(), "Nimali Perera", BORN);

        assertThat(GrantVerification.decide(verified("s", "PERERA  Nimali", BORN), noSub))
                .isEqualTo(GrantVerification.Outcome.DEMOGRAPHICS_MATCH);
        assertThat(GrantVerification.decide(verified("s", "Nimali Perera", BORN.plusDays(1)), noSub))
                .isEqualTo(GrantVerification.Outcome.DEMOGRAPHICS_MISMATCH);
        assertThat(GrantVerification.decide(verified("s", "Nimali Fernando", BORN), noSub))
                .isEqualTo(GrantVerification.Outcome.DEMOGRAPHICS_MISMATCH);
        assertThat(GrantVerification.decide(verified("s", "Nimali Perera", null), noSub))
                .isEqualTo(GrantVerification.Outcome.DEMOGRAPHICS_MISMATCH);
    }

    @Test
    void namesCompareWithoutCaseAccentsOrOrderInEveryScript() {
        assertThat(GrantVerification.words("Nimālī  PERERA")).isEqualTo(GrantVerification.words("perera nimali"));
        assertThat(GrantVerification.words("නිමාලි පෙරේරා")).isEqualTo(GrantVerification.words("පෙරේරා නිමාලි"));
        assertThat(GrantVerification.words("நிமாலி பெரேரா")).isNotEqualTo(GrantVerification.words("நிமாலி"));
    }

    private static Access access(List<String> subs, String name, LocalDate born) {
        return new Access(new MotherRecord.Demographics("CMBT-2B4X7K-9", name, born, "female", null, null), subs, null, null, null);
    }

    private static IdentityModels.VerificationRecord verified(String sub, String name, LocalDate born) {
        return new IdentityModels.VerificationRecord(UUID.randomUUID(), sub, "mosip:idp:acr:generated-code", OffsetDateTime.now(),
                new IdentityModels.VerifiedClaims(sub, name, null, null, born, "female", null, null, true, List.of()), null);
    }
}
