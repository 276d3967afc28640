package org.ancconnect.portal.i18n;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Locale;

/**
 * The portal's three languages and how a request picks one: the {@code anc_lang} cookie the language switch sets,
 * else the best match of the browser's Accept-Language, else English.
 */
public final class Languages {

    /** Cookie remembering the user's choice. */
    public static final String COOKIE = "anc_lang";

    /** English, Sinhala, Tamil, in the order the switch shows them. */
    public static final List<String> CODES = List.of("en", "si", "ta");

    private static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("si"), Locale.forLanguageTag("ta"));

    private Languages() {
    }

    public static boolean supported(String code) {
        return code != null && CODES.contains(code);
    }

    /** The locale for this request. */
    public static Locale of(HttpServerRequest request) {
        Cookie chosen = request.getCookie(COOKIE);
        if (chosen != null && supported(chosen.getValue())) {
            return Locale.forLanguageTag(chosen.getValue());
        }
        return fromAcceptLanguage(request.getHeader("Accept-Language"));
    }

    /** Best supported match of an Accept-Language header (RFC 4647 lookup), English when none matches. */
    public static Locale fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            Locale match = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
            return match == null ? Locale.ENGLISH : match;
        } catch (IllegalArgumentException malformed) {
            return Locale.ENGLISH;
        }
    }
}
