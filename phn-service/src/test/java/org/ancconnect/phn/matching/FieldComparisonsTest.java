package org.ancconnect.phn.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldComparisonsTest {

    @Test
    void jaroWinklerMatchesTheTextbookValues() {
        assertThat(Similarity.jaroWinkler("martha", "marhta")).isCloseTo(0.961, org.assertj.core.data.Offset.offset(0.001));
        assertThat(Similarity.jaroWinkler("dwayne", "duane")).isCloseTo(0.84, org.assertj.core.data.Offset.offset(0.001));
        assertThat(Similarity.jaroWinkler("abc", "xyz")).isZero();
    }

    @Test
    void oneEditCoversTranspositions() {
        assertThat(Similarity.withinOneEdit("19950412", "19950421")).isTrue();
        assertThat(Similarity.withinOneEdit("19950412", "1995042")).isTrue();
        assertThat(Similarity.withinOneEdit("19950412", "19950499")).isFalse();
    }

    @Test
    void geNameWrittenAsInitialsAgreesWithTheFullForm() {
        int[] v = compare("W. M. Kumari", "Perera", "19950412", "Wijesinghe Mudiyanselage Kumari", "Perera", "19950412");
        assertThat(v[Field.GIVEN_NAME.ordinal()]).isEqualTo(2);
    }

    @Test
    void initialsOnlyAgreeWeakly() {
        int[] v = compare("K.", "Perera", "19950412", "Kumari", "Perera", "19950412");
        assertThat(Field.GIVEN_NAME.levels().get(v[Field.GIVEN_NAME.ordinal()])).isEqualTo("initials agree");
    }

    @Test
    void dayMonthSwapIsItsOwnLevel() {
        int[] v = compare("Nimali", "Silva", "19950412", "Nimali", "Silva", "19951204");
        assertThat(Field.BIRTH_DATE.levels().get(v[Field.BIRTH_DATE.ordinal()])).isEqualTo("day and month swapped");
    }

    @Test
    void estimatedBirthDatesAgreeWithinAFewYears() {
        Prepared a = Normaliser.prepare(new MatchRecord(List.of(new MatchRecord.Name("Nimali", "Silva")), "19930101",
                true, "female", null, null, null, null, null, null, null, null));
        Prepared b = Normaliser.prepare(NormaliserTest.record("Nimali", "Silva", "19950412"));
        assertThat(FieldComparisons.birthDate(a, b)).isEqualTo(4);
        assertThat(FieldComparisons.birthDate(Normaliser.prepare(NormaliserTest.record("N", "S", "19930101")), b)).isEqualTo(5);
        assertThat(FieldComparisons.birthYearGap(a, b)).isEqualTo(2);
    }

    @Test
    void anEstimatedDateNeverAgreesAsAnExactOrOneDigitDate() {
        Prepared estimated = Normaliser.prepare(new MatchRecord(List.of(new MatchRecord.Name("Kumari", "Bandara")),
                "19890101", true, "female", null, null, null, null, null, null, null, null));
        assertThat(FieldComparisons.birthDate(estimated, Normaliser.prepare(NormaliserTest.record("Kumari", "Herath",
                "19890101")))).isEqualTo(4);
        assertThat(FieldComparisons.birthDate(estimated, Normaliser.prepare(NormaliserTest.record("Kumari", "Herath",
                "19890201")))).isEqualTo(4);
        assertThat(FieldComparisons.birthDate(estimated, Normaliser.prepare(NormaliserTest.record("Kumari", "Herath",
                "19850201")))).isEqualTo(5);
    }

    @Test
    void twinsNamesAreDistinctWhereTyposAndTransliterationsAreNot() {
        assertThat(distinct("Nimali", "Perera", "Nimalika", "Perera")).isTrue();
        assertThat(distinct("Thilini", "Peiris", "Thini", "Peiris")).isTrue();
        assertThat(distinct("Kumari", "Kumara", "Malsha", "Kumara")).isTrue();
        // one slip, a transliteration variant, GE initials, a swap, a single name of a two-name form
        assertThat(distinct("Kumari", "Silva", "Kumair", "Silva")).isFalse();
        assertThat(distinct("Tharushi", "Silva", "Tarushi", "Silva")).isFalse();
        assertThat(distinct("Sheela", "Silva", "Shila", "Silva")).isFalse();
        assertThat(distinct("W. M. Kumari", "Perera", "Wijesinghe Mudiyanselage Kumari", "Perera")).isFalse();
        assertThat(distinct("Perera", "Kumari", "Kumari", "Perera")).isFalse();
        assertThat(distinct("Fathima Rifka", "Mohamed", "Rifka", "Mohamed")).isFalse();
        // nothing to compare
        assertThat(distinct("K.", "Perera", "Kumari", "Perera")).isFalse();
    }

    @Test
    void anotherHouseNumberIsAnotherDwelling() {
        assertThat(FieldComparisons.houseNumbersDiffer(address("215 Station Road"), address("217 Station Road"))).isTrue();
        assertThat(FieldComparisons.houseNumbersDiffer(address("241 Main Street"), address("241 Mai nStreet"))).isFalse();
        assertThat(FieldComparisons.houseNumbersDiffer(address("Station Road"), address("217 Station Road"))).isFalse();
    }

    private static Prepared address(String line) {
        return Normaliser.prepare(new MatchRecord(List.of(new MatchRecord.Name("Nimali", "Silva")), "19950412", false,
                "female", null, null, line, null, null, null, null, null));
    }

    private static boolean distinct(String g1, String f1, String g2, String f2) {
        return FieldComparisons.givenNamesDistinct(Normaliser.prepare(NormaliserTest.record(g1, f1, "19950412")),
                Normaliser.prepare(NormaliserTest.record(g2, f2, "19950412")));
    }

    @Test
    void thePersonsMaidenNameIsUsedWhenItAgreesBetter() {
        Prepared person = Normaliser.prepare(new MatchRecord(List.of(new MatchRecord.Name("Nimali", "Jayasuriya"),
                new MatchRecord.Name("Nimali", "Fernando")), "19950412", false, "female", null, null, null, null, null,
                null, null, null));
        Prepared incoming = Normaliser.prepare(NormaliserTest.record("Nimali", "Fernando", "19950412"));
        assertThat(FieldComparisons.compare(incoming, person, null)[Field.FAMILY_NAME.ordinal()]).isEqualTo(1);
    }

    private static int[] compare(String g1, String f1, String d1, String g2, String f2, String d2) {
        return FieldComparisons.compare(Normaliser.prepare(NormaliserTest.record(g1, f1, d1)),
                Normaliser.prepare(NormaliserTest.record(g2, f2, d2)), null);
    }
}
