package org.ancconnect.dhis2standin.tracker.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** DHIS2's value-type checks for attribute and data values (values travel as strings in the Tracker API). */
final class ValueTypes {

    private ValueTypes() {
    }

    static boolean valid(String valueType, String value) {
        try {
            return switch (valueType) {
                case "BOOLEAN" -> value.equals("true") || value.equals("false");
                case "TRUE_ONLY" -> value.equals("true");
                case "DATE" -> {
                    LocalDate.parse(value);
                    yield true;
                }
                case "INTEGER" -> {
                    Long.parseLong(value);
                    yield true;
                }
                case "INTEGER_POSITIVE" -> Long.parseLong(value) > 0;
                case "INTEGER_ZERO_OR_POSITIVE" -> Long.parseLong(value) >= 0;
                case "NUMBER" -> {
                    new BigDecimal(value);
                    yield true;
                }
                case "PHONE_NUMBER" -> value.matches("^[0-9+(][0-9+\\-() ]{5,49}$");
                case "TEXT" -> value.length() <= 50000;
                default -> true;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            return false;
        }
    }
}
