package org.ancconnect.portal.i18n;

import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateInstance;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dates and numbers in the user's language (CLDR data of the JDK for si and ta). Templates write
 * {@code {birthDate.localized}}, {@code {verifiedAt.localized}}, {@code {probability.percent}}.
 */
@TemplateExtension
public final class Formats {

    /** Clinics run on Sri Lanka time; a date-time is shown there whatever the server's zone. */
    static final ZoneId CLINIC_ZONE = ZoneId.of("Asia/Colombo");

    /*
     * Formatters per locale, made once: building them per value was ~15% of rendering the doctor's 40-visit record page
     * (JFR, README "The portal's own CPU per view"). The locales are the three of Languages, so the maps stay tiny.
     * DateTimeFormatter is immutable; NumberFormat is not thread-safe, so each use formats with a clone of the cached
     * one (a copy, far cheaper than the locale-provider look-up of NumberFormat.getNumberInstance).
     */
    private static final Map<Locale, DateTimeFormatter> DATES = new ConcurrentHashMap<>();
    private static final Map<Locale, DateTimeFormatter> DATE_TIMES = new ConcurrentHashMap<>();
    private static final Map<Locale, NumberFormat> NUMBERS = new ConcurrentHashMap<>();

    private Formats() {
    }

    static String localized(LocalDate date, @TemplateExtension.TemplateAttribute(TemplateInstance.LOCALE) Object locale) {
        return date == null ? "" : DATES.computeIfAbsent(locale(locale),
                l -> DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(l)).format(date);
    }

    static String localized(OffsetDateTime time, @TemplateExtension.TemplateAttribute(TemplateInstance.LOCALE) Object locale) {
        return time == null ? "" : DATE_TIMES.computeIfAbsent(locale(locale),
                l -> DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(l))
                .format(time.atZoneSameInstant(CLINIC_ZONE));
    }

    static String localized(Number number, @TemplateExtension.TemplateAttribute(TemplateInstance.LOCALE) Object locale) {
        return number == null ? "" : ((NumberFormat) NUMBERS.computeIfAbsent(locale(locale), NumberFormat::getNumberInstance).clone())
                .format(number);
    }

    /** A probability (0..1) as a percentage with one decimal. */
    static String percent(Double probability, @TemplateExtension.TemplateAttribute(TemplateInstance.LOCALE) Object locale) {
        if (probability == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getPercentInstance(locale(locale));
        format.setMaximumFractionDigits(1);
        format.setMinimumFractionDigits(1);
        return format.format(probability);
    }

    static Locale locale(Object attribute) {
        if (attribute instanceof Locale l) {
            return l;
        }
        return attribute instanceof String s ? Locale.forLanguageTag(s) : Locale.ENGLISH;
    }
}
