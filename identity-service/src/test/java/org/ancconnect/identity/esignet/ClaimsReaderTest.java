package org.ancconnect.identity.esignet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** eSignet's claim shapes: locale suffixes, slash dates, gender labels, the national ID never kept in clear. */
class ClaimsReaderTest {

    @Test
    void prefersTheFirstRequestedLocaleThenPlainThenAny() {
        Map<String, Object> claims = Map.of("sub", "s", "name#si", "කුමාරි පෙරේරා", "name#en", "Kumari Perera", "gender#ta", "பெண்",
                "birthdate", "1995/04/12");
        VerifiedClaims read = ClaimsReader.read(claims, List.of("en", "si"), id -> "hash");
        assertThat(read.name()).isEqualTo("Kumari Perera");
        assertThat(ClaimsReader.read(claims, List.of("si", "en"), id -> "hash").name()).isEqualTo("කුමාරි පෙරේරා");
        assertThat(read.sex()).as("only a Tamil label released").isEqualTo("female");
        assertThat(read.birthDate()).isEqualTo(LocalDate.of(1995, 4, 12));
        assertThat(read.releasedClaims()).containsExactly("birthdate", "gender", "name");
    }

    @Test
    void normalisesDatesAndGenderLabels() {
        assertThat(ClaimsReader.date("2000-01-27")).isEqualTo(LocalDate.of(2000, 1, 27));
        assertThat(ClaimsReader.date("27/01/2000")).as("not eSignet's yyyy/MM/dd").isNull();
        assertThat(ClaimsReader.sex("Female")).isEqualTo("female");
        assertThat(ClaimsReader.sex("පුරුෂ")).isEqualTo("male");
        assertThat(ClaimsReader.sex("Unspecified")).isEqualTo("unknown");
        assertThat(ClaimsReader.sex(null)).isEqualTo("unknown");
    }

    @Test
    void nationalIdIsOnlyKeptAsItsKeyedHash() {
        VerifiedClaims read = ClaimsReader.read(Map.of("sub", "s", "individual_id", "5724385027"), List.of("en"), id -> "hmac:" + id.length());
        assertThat(read.nationalIdPresent()).isTrue();
        assertThat(read.nationalIdHash()).isEqualTo("hmac:10");
        assertThat(read.toString()).doesNotContain("5724385027");
        VerifiedClaims none = ClaimsReader.read(Map.of("sub", "s"), List.of("en"), id -> "x");
        assertThat(none.nationalIdPresent()).isFalse();
        assertThat(none.nationalIdHash()).isNull();
    }
}
