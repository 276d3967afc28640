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

/**
 * Dates and numbers in the user's language (CLDR data of the JDK for si and ta). Templates write
 * {@code {birthDate.localized}}, {@code {verifiedAt.localized}}, {@code {probability.percent}}.
 */
@TemplateExtension
public final class Formats {

    /** Clinics run on Sri Lanka time; a date-time is shown there whatever the server's zone. */
    static final ZoneId CLINIC_ZONE = ZoneId.of("Asia/Colombo");

    private Formats() {
    }

    static String localized(LocalDate date, @TemplateExtension.TemplateAttribute(TemplateInstance.LOCALE) Object locale) {
        return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale(locale)).format(date);
    }

    static String localized(OffsetDateTime time, @TemplateExtension.TemplateAttribute(TemplateInstance.LOCALE) Object locale) {
        return time == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale(locale)).format(time.atZoneSameInstant(CLINIC_ZONE));
    }

    static String localized(Number number, @TemplateExtension.TemplateAttribute(TemplateInstance.LOCALE) Object locale) {
        return number == null ? "" : NumberFormat.getNumberInstance(locale(locale)).format(number);
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
