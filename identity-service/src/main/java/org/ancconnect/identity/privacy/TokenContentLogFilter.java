package org.ancconnect.identity.privacy;

import io.quarkus.logging.LoggingFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Keeps token content out of the logs. When quarkus-oidc refuses an eSignet ID token it logs jose4j's message at
 * ERROR, and that message embeds the token's claims ({@code JWT (claims->{"sub":…,"nonce":…,"acr":…})}) or its
 * serialised JWS: pseudonymous personal data. Such records from {@code io.quarkus.oidc} keep their level and the text
 * before the token (e.g. "ID token verification has failed") plus jose4j's numeric error codes; the rest is dropped.
 * The audit log ({@code rejected:oidc}) holds the reason per sign-in. Installed on every log handler in
 * application.properties ({@code quarkus.log.*.filter=no-token-content}).
 */
@LoggingFilter(name = "no-token-content")
public final class TokenContentLogFilter implements Filter {

    /** Markers of jose4j messages that carry a token's claims, header or payload. */
    private static final List<String> TOKEN_MARKERS = List.of("claims->", "JsonWebSignature{", "JsonWebEncryption{", "eyJ");
    private static final Pattern ERROR_CODE = Pattern.compile("\\[(\\d{1,2})] ");

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getLoggerName() == null || !record.getLoggerName().startsWith("io.quarkus.oidc")) {
            return true;
        }
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (message != null && TOKEN_MARKERS.stream().anyMatch(message::contains)) {
            String redacted = redact(message);
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(redacted);
            }
            record.setParameters(null);
            record.setThrown(null);
        }
        return true;
    }

    /** The text before the first token marker (up to its last colon) and jose4j's error codes, nothing of the token. */
    static String redact(String message) {
        int first = TOKEN_MARKERS.stream().mapToInt(message::indexOf).filter(i -> i >= 0).min().orElse(message.length());
        String prefix = message.substring(0, first);
        int colon = prefix.lastIndexOf(':');
        String reason = (colon >= 0 ? prefix.substring(0, colon) : prefix).strip();
        List<String> codes = new ArrayList<>();
        Matcher m = ERROR_CODE.matcher(message);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return reason + " (token content withheld" + (codes.isEmpty() ? "" : "; jose4j error codes " + codes) + ")";
    }
}
