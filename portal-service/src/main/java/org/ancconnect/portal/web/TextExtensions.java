package org.ancconnect.portal.web;

import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Small text helpers for templates. */
@TemplateExtension
public final class TextExtensions {

    private TextExtensions() {
    }

    /** A query-parameter value: {@code {returnTo.urlEncoded}}. */
    static String urlEncoded(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The visit form's field name of a data element uid: {@code {uid.concatDe}} gives {@code de_<uid>}. */
    static String concatDe(String uid) {
        return "de_" + uid;
    }
}
