package org.ancconnect.phn.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NormaliserTest {

    @Test
    void foldingRemovesCaseAccentsAndPunctuation() {
        assertThat(Normaliser.fold("  W. M.  Kumári-Perera ")).isEqualTo("w m kumari perera");
    }

    @Test
    void asciiFoldingGivesWhatTheGeneralFoldGives() {
        // The one-pass ASCII fold must agree with the normaliser-and-regex fold on every ASCII string, or stored
        // blocking keys would stop meeting the keys of new registrations.
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            char[] c = new char[random.nextInt(12)];
            for (int j = 0; j < c.length; j++) {
                c[j] = (char) random.nextInt(0x80);
            }
            String s = new String(c);
            assertThat(Normaliser.fold(s)).as("%s", s.chars().boxed().toList()).isEqualTo(Normaliser.foldUnicode(s));
        }
        for (String s : List.of("", " ", "  W. M.  Kumari-Perera ", "KUMARI", "No. 15/2, Station Rd.", "0771 234 567")) {
            assertThat(Normaliser.fold(s)).isEqualTo(Normaliser.foldUnicode(s));
        }
    }

    @Test
    void sriLankanSpellingVariantsShareAPhoneticCode() {
        assertThat(Normaliser.phonetic("wickramasinghe")).isEqualTo(Normaliser.phonetic("wickremesinghe"))
                .isEqualTo(Normaliser.phonetic("vikramasinha"));
        assertThat(Normaliser.phonetic("tharshini")).isEqualTo(Normaliser.phonetic("darshini"));
        assertThat(Normaliser.phonetic("weerasinghe")).isEqualTo(Normaliser.phonetic("virasingha"));
        assertThat(Normaliser.phonetic("jayawardena")).isEqualTo(Normaliser.phonetic("jayawardhana"));
        assertThat(Normaliser.phonetic("perera")).isNotEqualTo(Normaliser.phonetic("fernando"));
    }

    @Test
    void initialsAreSeparatedFromFullGivenNames() {
        Prepared p = Normaliser.prepare(record("W. M. Kumari", "Perera", "19950412"));
        Prepared.PName name = p.names().get(0);
        assertThat(name.initials()).isEqualTo("wmk");
        assertThat(name.fullGiven()).containsExactly("kumari");
        assertThat(name.main()).isEqualTo("kumari");
    }

    @Test
    void blockingKeysCarryTheNormaliserVersionAndSurviveANameSwap() {
        Prepared a = Normaliser.prepare(record("Nimali", "Fernando", "19950412"));
        Prepared b = Normaliser.prepare(record("Fernando", "Nimali", "19950412"));
        List<String> shared = BlockingKeys.of(a).stream().filter(BlockingKeys.of(b)::contains).toList();
        assertThat(shared).anyMatch(k -> k.startsWith("Y" + Normaliser.VERSION + ":"));
        assertThat(BlockingKeys.of(a)).allMatch(k -> k.charAt(1) == (char) ('0' + Normaliser.VERSION));
    }

    @Test
    void marriedNameChangeStillMeetsOnGivenNameAndYear() {
        Prepared maiden = Normaliser.prepare(record("Nimali", "Fernando", "19950412"));
        Prepared married = Normaliser.prepare(record("Nimali", "Jayasuriya", "19950412"));
        assertThat(BlockingKeys.of(married)).containsAnyElementsOf(BlockingKeys.of(maiden));
    }

    @Test
    void phonesAreComparedOnTheirLastNineDigits() {
        MatchRecord r = new MatchRecord(List.of(new MatchRecord.Name("A", "B")), null, false, null, "+94 77 123 4567",
                null, null, null, null, null, null, null);
        assertThat(Normaliser.prepare(r).phone()).isEqualTo("771234567");
    }

    static MatchRecord record(String given, String family, String dob) {
        return new MatchRecord(List.of(new MatchRecord.Name(given, family)), dob, false, "female", null, null, null,
                null, null, null, null, null);
    }
}
