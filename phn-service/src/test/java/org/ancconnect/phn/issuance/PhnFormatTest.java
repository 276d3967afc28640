package org.ancconnect.phn.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhnFormatTest {

    static IssuanceConfig config(CheckAlgorithm algorithm) {
        return new IssuanceConfig() {
            @Override public String alphabet() { return "23456789BCDFGHJKMNPQRSTVWXYZ"; }
            @Override public int poiLength() { return 4; }
            @Override public int bodyLength() { return 6; }
            @Override public String separator() { return "-"; }
            @Override public CheckAlgorithm checkAlgorithm() { return algorithm; }
            @Override public String defaultPoi() { return "CMBT"; }
            @Override public String testPoi() { return "TSTX"; }
            @Override public Map<String, String> facilityPoi() { return Map.of("DiszpKrYNg8", "KNDY"); }
            @Override public Optional<String> permutationKey() { return Optional.empty(); }
            @Override public double capacityWarningRatio() { return 0.8; }
        };
    }

    private final PhnFormat format = new PhnFormat(config(CheckAlgorithm.MODIFIED_LUHN));

    @Test
    void modifiedLuhnEqualsClassicLuhnOnDigits() {
        // The classic Luhn example: 7992739871 has check digit 3.
        assertThat(CheckAlgorithm.MODIFIED_LUHN.compute("7992739871", "")).isEqualTo('3');
    }

    @Test
    void modifiedLuhnMapsLettersLikeOpenMrs() {
        // 'B' counts as 'B' - '0' = 18: doubled (rightmost) 36 -> 3 + 6 = 9; check = (10 - 9) % 10 = 1.
        assertThat(CheckAlgorithm.MODIFIED_LUHN.compute("B", "")).isEqualTo('1');
    }

    @Test
    void composedPhnsParseBackAndPrintWithSeparators() {
        Phn phn = format.compose("CMBT", format.encodeBody(123_456));
        assertThat(format.display(phn)).matches("CMBT-[2-9B-DF-HJ-KM-NP-TV-Z]{6}-[0-9]");
        assertThat(format.parse(format.display(phn).toLowerCase()).phn()).isEqualTo(phn);
        assertThat(format.parse(" " + phn.value().substring(0, 5) + " " + phn.value().substring(5) + " ").phn())
                .isEqualTo(phn);
    }

    @Test
    void invalidInputIsExplained() {
        assertThat(format.parse("").error()).isEqualTo("is required");
        assertThat(format.parse("CMBT-2345").error()).contains("11 characters");
        assertThat(format.parse("CMBT-A23456-0").error()).contains("character 5");
        Phn phn = format.compose("CMBT", "23456B");
        char wrong = phn.check() == '9' ? '0' : (char) (phn.check() + 1);
        assertThat(format.parse(phn.poi() + phn.body() + wrong).error()).contains("check digit");
    }

    @Test
    void requireThrowsAProblemNamingTheField() {
        assertThatThrownBy(() -> format.require("presentedPhn", "nonsense"))
                .hasMessageContaining("presentedPhn");
    }

    @Test
    void permutationIsABijectionOnASmallSpaceAndNotMonotonic() {
        BodyPermutation small = new BodyPermutation(new byte[32], 28 * 28 * 28);
        Set<Long> seen = new HashSet<>();
        int increasing = 0;
        long previous = -1;
        for (long v = 0; v < 28 * 28 * 28; v++) {
            long image = small.permute("CMBT", v);
            assertThat(image).isBetween(0L, 28L * 28 * 28 - 1);
            seen.add(image);
            if (image > previous) {
                increasing++;
            }
            previous = image;
        }
        assertThat(seen).hasSize(28 * 28 * 28);
        // A sequence-revealing mapping would increase almost always; a random permutation about half the time.
        assertThat(increasing).isBetween(9_000, 13_000);
    }

    @Test
    void permutationDependsOnKeyAndPoi() {
        long capacity = format.capacity();
        byte[] key = new byte[32];
        byte[] other = new byte[32];
        other[0] = 1;
        assertThat(new BodyPermutation(key, capacity).permute("CMBT", 7))
                .isNotEqualTo(new BodyPermutation(other, capacity).permute("CMBT", 7))
                .isNotEqualTo(new BodyPermutation(key, capacity).permute("KNDY", 7));
    }

    @Test
    void misconfiguredPoiIsRefused() {
        IssuanceConfig base = config(CheckAlgorithm.MODIFIED_LUHN);
        IssuanceConfig bad = new IssuanceConfig() {
            @Override public String alphabet() { return base.alphabet(); }
            @Override public int poiLength() { return 4; }
            @Override public int bodyLength() { return 6; }
            @Override public String separator() { return "-"; }
            @Override public CheckAlgorithm checkAlgorithm() { return CheckAlgorithm.MODIFIED_LUHN; }
            @Override public String defaultPoi() { return "COLOMBO"; }
            @Override public String testPoi() { return "TSTX"; }
            @Override public Map<String, String> facilityPoi() { return Map.of(); }
            @Override public Optional<String> permutationKey() { return Optional.empty(); }
            @Override public double capacityWarningRatio() { return 0.8; }
        };
        assertThatThrownBy(() -> new PhnFormat(bad)).hasMessageContaining("COLOMBO");
    }

    @Test
    void luhnModNDetectsEverySingleSubstitutionThatModifiedLuhnMisses() {
        PhnFormat modN = new PhnFormat(config(CheckAlgorithm.LUHN_MOD_N));
        Phn phn = modN.compose("CMBT", "7K2D9X");
        String value = phn.value();
        String alphabet = config(CheckAlgorithm.LUHN_MOD_N).alphabet();
        for (int i = 0; i < value.length() - 1; i++) {
            for (char c : alphabet.toCharArray()) {
                if (c != value.charAt(i)) {
                    String typo = value.substring(0, i) + c + value.substring(i + 1);
                    assertThat(modN.parse(typo).phn()).as(typo).isNull();
                }
            }
        }
    }
}
