package org.ancconnect.dhis2standin.generator;

/**
 * Synthetic PHNs for generated mothers: the suite's PHN layout (4-character point of issue, 6-digit
 * body, 1 check digit) with the reserved test point of issue "TEST" so they can never be mistaken
 * for issued numbers. The check digit is a plain Luhn over the body; phn-service owns the real algorithm.
 */
final class Phns {

    private Phns() {
    }

    static String synthetic(int number) {
        String body = String.format("%06d", number);
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int d = body.charAt(body.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return "TEST" + body + ((10 - sum % 10) % 10);
    }
}
