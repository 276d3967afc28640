package org.ancconnect.phn.matching;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns demographics into comparable values (and, through {@link BlockingKeys}, blocking keys). Versioned: stored blocking keys carry
 * {@link #VERSION}, and a change to any rule here must bump it and re-key the registry, because keys
 * computed by two versions do not meet in the index.
 */
public final class Normaliser {

    /** Version of the folding and phonetic rules below and of the passes of {@link BlockingKeys}. */
    public static final int VERSION = 2;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    /** Sinhala patronymic suffixes romanised in several ways: Wickramasinghe, Wickremasingha, Wickramasinha. */
    private static final Pattern SINGHE = Pattern.compile("(singhe|singha|singe|sinhe|sinha|sinhage)$");

    private Normaliser() {
    }

    /** Lower case, no diacritics, letters and digits separated by single spaces. */
    public static String fold(String s) {
        if (s == null) {
            return "";
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return foldUnicode(s);
            }
        }
        // ASCII has no marks and NFD leaves it unchanged, so the same result comes from one pass without the
        // normaliser and two regular expressions: prepare() folds ten fields of each of the hundreds of
        // candidates a registration reads at 1M persons.
        StringBuilder out = new StringBuilder(s.length());
        boolean gap = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                if (gap && !out.isEmpty()) {
                    out.append(' ');
                }
                gap = false;
                out.append(c);
            } else {
                gap = true;
            }
        }
        return out.toString();
    }

    /** The general fold: decomposes, drops the combining marks, lower-cases and keeps letters and digits. */
    static String foldUnicode(String s) {
        String d = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        return NON_ALNUM.matcher(d.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }

    /**
     * Folds the spelling variants of Sri Lankan names romanised from Sinhala and Tamil: th/dh/d/t, w/v,
     * long vowels (ee, aa, oo), aspirated consonants, c/k/q, z/s, doubled letters, and the -singhe family.
     */
    static String transliterationFold(String token) {
        String t = SINGHE.matcher(token).replaceAll("sinha");
        t = t.replace("th", "t").replace("dh", "t").replace('d', 't')
                .replace('w', 'v').replace("ee", "i").replace("ii", "i").replace("aa", "a").replace("oo", "u")
                .replace("ph", "f").replace("bh", "b").replace("kh", "k").replace("gh", "g").replace("sh", "s")
                .replace("ck", "k").replace('c', 'k').replace('q', 'k').replace('z', 's').replace("x", "ks");
        StringBuilder sb = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            if (i == 0 || t.charAt(i) != t.charAt(i - 1)) {
                sb.append(t.charAt(i));
            }
        }
        return sb.toString();
    }

    /** Phonetic code: the folded first letter, then the folded consonants without repeats. */
    public static String phonetic(String token) {
        if (token == null || token.isEmpty()) {
            return "";
        }
        String t = transliterationFold(token);
        StringBuilder sb = new StringBuilder().append(t.charAt(0));
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if ("aeiouyh".indexOf(c) < 0 && c != sb.charAt(sb.length() - 1)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Prepares a record for comparison: every value computed once, not per candidate pair. */
    public static Prepared prepare(MatchRecord r) {
        List<Prepared.PName> names = new ArrayList<>();
        for (MatchRecord.Name n : r.names()) {
            String given = fold(n.given());
            String family = fold(n.family());
            if (given.isEmpty() && family.isEmpty()) {
                continue;
            }
            List<String> full = new ArrayList<>();
            StringBuilder initials = new StringBuilder();
            for (String tok : given.split(" ")) {
                if (tok.isEmpty()) {
                    continue;
                }
                initials.append(tok.charAt(0));
                if (tok.length() > 1) {
                    full.add(tok);
                }
            }
            String main = full.isEmpty() ? "" : full.get(full.size() - 1);
            names.add(new Prepared.PName(given, full, initials.toString(), main, phonetic(main), family,
                    phonetic(family.replace(" ", ""))));
        }
        String dob = digits(r.birthDate());
        if (dob.length() != 8) {
            dob = "";
        }
        String sex = r.sex() == null || "unknown".equalsIgnoreCase(r.sex()) ? "" : fold(r.sex());
        String phone = digits(r.phone());
        // Sri Lankan numbers are written 0771234567 or +94771234567: compare the last nine digits.
        if (phone.length() > 9) {
            phone = phone.substring(phone.length() - 9);
        }
        return new Prepared(names, dob, r.birthDateEstimated(), sex, phone, fold(r.streetNumber()),
                fold(r.addressLine()), fold(r.addressLine2()), fold(r.city()), fold(r.district()),
                fold(r.postcode()).replace(" ", ""), fold(r.otherId()).replace(" ", ""));
    }

    /** The ASCII digits of {@code s}, in order; empty for null. */
    private static String digits(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
