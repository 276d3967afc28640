package org.ancconnect.phn.evaluation;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.ancconnect.phn.matching.MatchRecord;

/**
 * GeCo/FEBRL-style corruption of a repeat registration: keyboard and edit typos, OCR confusions, phonetic
 * respellings, missing values, given/family swaps, birth-date errors (day/month swap, digit, estimated
 * from age), initials for GE names, and a married family name.
 */
final class Corruptor {

    private static final DateTimeFormatter YMD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String[] KEYBOARD = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
    private static final String[][] OCR = {{"rn", "m"}, {"l", "i"}, {"o", "0"}, {"cl", "d"}, {"vv", "w"}};
    private static final String[][] PHONETIC = {{"th", "t"}, {"w", "v"}, {"ee", "i"}, {"aa", "a"}, {"i", "ee"},
            {"singhe", "singha"}, {"k", "c"}, {"sh", "s"}, {"d", "th"}};

    private final Random random;

    Corruptor(Random random) {
        this.random = random;
    }

    MatchRecord corrupt(SyntheticPopulation.Person p) {
        String given = p.given();
        String family = p.family();
        if (random.nextDouble() < 0.25 && p.husbandFamily() != null) {
            family = p.husbandFamily();
        }
        String ge = p.ge();
        if (ge != null && random.nextDouble() < 0.5) {
            StringBuilder initials = new StringBuilder();
            for (String part : ge.split(" ")) {
                initials.append(part.charAt(0)).append(". ");
            }
            ge = initials.toString().trim();
        } else if (ge != null && random.nextDouble() < 0.3) {
            ge = null;
        }
        given = mutate(given, 0.25);
        family = mutate(family, 0.2);
        if (random.nextDouble() < 0.02) {
            String t = given;
            given = family;
            family = t;
        }
        LocalDate dob = p.birthDate();
        String dobText = dob.format(YMD);
        boolean estimated = false;
        double d = random.nextDouble();
        if (d < 0.03 && dob.getDayOfMonth() <= 12) {
            dobText = String.format("%04d%02d%02d", dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue());
        } else if (d < 0.06) {
            char[] c = dobText.toCharArray();
            int i = 6 + random.nextInt(2);
            c[i] = (char) ('0' + random.nextInt(i == 6 ? 3 : 10));
            dobText = new String(c);
            if (!valid(dobText)) {
                dobText = dob.format(YMD);
            }
        } else if (d < 0.09) {
            estimated = true;
            dobText = String.format("%04d0101", dob.getYear() + random.nextInt(3) - 1);
        }
        String phone = random.nextDouble() < 0.3 ? null : p.phone();
        String nic = random.nextDouble() < 0.4 ? null : p.nic();
        String street = random.nextDouble() < 0.3 ? null : mutate(p.street(), 0.2);
        return SyntheticPopulation.record(p, ge == null ? given : ge + " " + given, family, dobText, estimated, phone,
                nic, street, random.nextDouble() < 0.1 ? null : p.city());
    }

    private String mutate(String s, double probability) {
        if (s.isEmpty() || random.nextDouble() >= probability) {
            return s;
        }
        return switch (random.nextInt(5)) {
            case 0 -> keyboard(s);
            case 1 -> edit(s);
            case 2 -> replace(s, OCR[random.nextInt(OCR.length)]);
            default -> replace(s, PHONETIC[random.nextInt(PHONETIC.length)]);
        };
    }

    private String keyboard(String s) {
        int i = random.nextInt(s.length());
        for (String row : KEYBOARD) {
            int k = row.indexOf(s.charAt(i));
            if (k >= 0) {
                char neighbour = row.charAt(k == 0 ? 1 : k == row.length() - 1 ? k - 1 : k + (random.nextBoolean() ? 1 : -1));
                return s.substring(0, i) + neighbour + s.substring(i + 1);
            }
        }
        return s;
    }

    private String edit(String s) {
        int i = random.nextInt(s.length());
        return switch (random.nextInt(3)) {
            case 0 -> s.substring(0, i) + s.substring(i + 1);
            case 1 -> s.substring(0, i) + (char) ('a' + random.nextInt(26)) + s.substring(i);
            default -> i + 1 < s.length() ? s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2) : s;
        };
    }

    private String replace(String s, String[] rule) {
        int i = s.indexOf(rule[0]);
        return i < 0 ? edit(s) : s.substring(0, i) + rule[1] + s.substring(i + rule[0].length());
    }

    private static boolean valid(String ymd) {
        try {
            LocalDate.parse(ymd, YMD);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
