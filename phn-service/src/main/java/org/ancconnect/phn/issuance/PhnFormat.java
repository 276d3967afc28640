package org.ancconnect.phn.issuance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.ancconnect.commons.problem.ProblemException;
import org.ancconnect.phn.PhnConfig;

/**
 * Parses, validates and prints PHNs in the configured format. Input is forgiving about what people type
 * (spaces, hyphens, the separator, lower case) and strict about everything else: length, alphabet and
 * check character.
 */
@ApplicationScoped
public class PhnFormat {

    private final IssuanceConfig config;

    @Inject
    public PhnFormat(PhnConfig config) {
        this(config.issuance());
    }

    /** For tools that format PHNs without the container (benchmark loader). */
    public PhnFormat(IssuanceConfig config) {
        this.config = config;
        validatePoi(config.defaultPoi());
        validatePoi(config.testPoi());
        config.facilityPoi().values().forEach(this::validatePoi);
    }

    /** Canonical form of typed input, without judging it: upper case, separators and blanks removed. */
    public String normalise(String input) {
        StringBuilder sb = new StringBuilder(input.length());
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (Character.isWhitespace(c) || c == '-' || config.separator().indexOf(c) >= 0) {
                continue;
            }
            sb.append(Character.toUpperCase(c));
        }
        return sb.toString();
    }

    /** Parses input into a PHN, or explains what is wrong with it; never throws. */
    public Parsed parse(String input) {
        if (input == null || input.isBlank()) {
            return new Parsed(null, "is required");
        }
        String value = normalise(input);
        int expected = config.poiLength() + config.bodyLength() + 1;
        if (value.length() != expected) {
            return new Parsed(null, "must have " + expected + " characters without separators, found " + value.length());
        }
        for (int i = 0; i < expected - 1; i++) {
            if (config.alphabet().indexOf(value.charAt(i)) < 0) {
                return new Parsed(null, "character " + (i + 1) + " is not allowed in a PHN");
            }
        }
        String payload = value.substring(0, expected - 1);
        char check = value.charAt(expected - 1);
        if (config.checkAlgorithm().compute(payload, config.alphabet()) != check) {
            return new Parsed(null, "check digit does not match; the number was probably mistyped");
        }
        return new Parsed(new Phn(payload.substring(0, config.poiLength()), payload.substring(config.poiLength()),
                check), null);
    }

    /** Parses input or throws a 400 problem naming {@code field}. */
    public Phn require(String field, String input) {
        Parsed parsed = parse(input);
        if (parsed.phn() == null) {
            throw ProblemException.invalidField(field, "not a valid PHN: " + parsed.error());
        }
        return parsed.phn();
    }

    /** Builds the PHN for a POI and a body, computing its check character. */
    public Phn compose(String poi, String body) {
        return new Phn(poi, body, config.checkAlgorithm().compute(poi + body, config.alphabet()));
    }

    public String display(Phn phn) {
        return phn.display(config.separator());
    }

    /** Encodes {@code value} (0 <= value < capacity) as a fixed-length body in the PHN alphabet. */
    public String encodeBody(long value) {
        int base = config.alphabet().length();
        char[] out = new char[config.bodyLength()];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = config.alphabet().charAt((int) (value % base));
            value /= base;
        }
        return new String(out);
    }

    /** Number of distinct bodies per POI. */
    public long capacity() {
        long n = 1;
        for (int i = 0; i < config.bodyLength(); i++) {
            n = Math.multiplyExact(n, config.alphabet().length());
        }
        return n;
    }

    private void validatePoi(String poi) {
        if (poi.length() != config.poiLength() || poi.chars().anyMatch(c -> config.alphabet().indexOf(c) < 0)) {
            throw new IllegalStateException("POI " + poi + " must be " + config.poiLength()
                    + " characters of the PHN alphabet");
        }
    }

    /** Result of {@link #parse}: either a PHN or the reason it is not one. */
    public record Parsed(Phn phn, String error) {
    }
}
