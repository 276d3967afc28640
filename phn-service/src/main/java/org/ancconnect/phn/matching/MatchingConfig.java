package org.ancconnect.phn.matching;

import io.smallrye.config.WithDefault;

/** Matching decisions and parameters ({@code phn.matching.*}). */
public interface MatchingConfig {

    /** Posterior probability from which a candidate is linked automatically (issue 3: 0.95). */
    @WithDefault("0.95")
    double autoLinkThreshold();

    /** Posterior probability from which a candidate goes to review instead of a new PHN (issue 3: 0.75). */
    @WithDefault("0.75")
    double reviewThreshold();

    /** Minimum lead of the best candidate over the runner-up for an automatic link (issue 3: 0.10). */
    @WithDefault("0.10")
    double margin();

    /**
     * Birth years further apart than this block an automatic link unless an identifier agrees. 10 lets every
     * single-digit typo in the last two digits of the year through (a decade digit gives exactly 10) while a
     * mother and a daughter with similar names, at least 12 years apart in practice, are always held back.
     */
    @WithDefault("10")
    int maxBirthYearGap();

    /**
     * Name evidence (given plus family name weight, in bits) that lifts the birth-year-gap guard: names
     * this rare identify her even when the date was mistyped beyond a digit. 12 bits (odds of 4 096 to 1)
     * from the evaluation's histogram of pairs more than 10 years apart: on FEBRL dataset3 (midwife fields)
     * 211 of the 258 true pairs reach 12 bits and 3 false pairs do; on the synthetic population 17 false
     * pairs (mothers and daughters of the same name) do, and the NIC and household rules hold them back.
     */
    @WithDefault("12")
    double birthYearGapNameEvidence();

    /**
     * Household rules: a likely twin (same birth date and dwelling, another given name, no agreeing
     * identifier) is a different person, and a household member under another birth date goes to review.
     * On for a registry of mothers, where households and twins exist; off only for data without
     * households (FEBRL's generator draws every person independently).
     */
    @WithDefault("true")
    boolean householdRules();

    /**
     * Rows of {@code match_key} read per blocking key (index only, to count the keys each person shares). Common
     * keys (Perera born 1995) hold thousands of persons at national scale; the cap bounds query time. 1000: at 1M
     * persons a registration's keys then read 807 rows on average, 2 945 at p95, and the two-key rule finds the
     * true person as often as with blocks of up to 20 000 rows (0.986 of 1 000 repeat visits); with 200 rows, an
     * arbitrary sample of a large block, it missed one more true person's second shared key (0.985).
     */
    @WithDefault("1000")
    int candidatesPerKey();

    /**
     * Blocks of at most this many persons give every member as a candidate; from larger ones only persons who
     * share a second key with the record are fetched and scored ({@link BlockingKeys#selected}).
     */
    @WithDefault("" + BlockingKeys.SMALL_BLOCK)
    int smallBlock();

    /** Classpath resource with the versioned m/u parameters (estimated by the evaluation harness). */
    @WithDefault("matching/parameters-v3.json")
    String parameters();

    /** Interval between refreshes of the name frequencies used for term-frequency adjustment. */
    @WithDefault("5m")
    java.time.Duration termFrequencyRefresh();

    /** Persons re-keyed per transaction by {@link RekeyJob}. */
    @WithDefault("500")
    int rekeyBatchSize();

    /** How often {@link RekeyJob} looks for persons keyed by an older normaliser ({@code off} disables it). */
    @WithDefault("10m")
    String rekeyInterval();
}
