package org.ancconnect.phn.matching;

import java.util.List;

/**
 * The compared fields and their agreement levels. Level 0 is always "missing" (no evidence, weight 0);
 * the last level is always disagreement. The order of levels is part of the parameter file's format.
 */
public enum Field {
    GIVEN_NAME("missing", "exact", "jaro-winkler>=0.94 or phonetic", "jaro-winkler>=0.85", "initials agree", "disagree"),
    FAMILY_NAME("missing", "exact", "jaro-winkler>=0.94 or phonetic", "jaro-winkler>=0.85", "disagree"),
    BIRTH_DATE("missing", "exact", "day and month swapped", "one digit or transposition", "estimated, within 3 years",
            "disagree"),
    SEX("missing", "agree", "disagree"),
    PHONE("missing", "exact", "one edit", "disagree"),
    STREET_NUMBER("missing", "exact", "disagree"),
    ADDRESS_LINE("missing", "exact", "jaro-winkler>=0.90", "jaro-winkler>=0.80", "disagree"),
    ADDRESS_LINE2("missing", "exact", "jaro-winkler>=0.90", "jaro-winkler>=0.80", "disagree"),
    CITY("missing", "exact", "jaro-winkler>=0.90", "disagree"),
    DISTRICT("missing", "agree", "disagree"),
    POSTCODE("missing", "exact", "one edit", "disagree"),
    OTHER_ID("missing", "exact", "one edit", "disagree");

    public static final int MISSING = 0;

    private final List<String> levels;

    Field(String... levels) {
        this.levels = List.of(levels);
    }

    public List<String> levels() {
        return levels;
    }

    public int disagree() {
        return levels.size() - 1;
    }

    static final Field[] ALL = values();
}
