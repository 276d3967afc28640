package org.ancconnect.portal.web;

import java.util.regex.Pattern;

/** Return paths taken from requests: only paths on this portal, never another host (no open redirect). */
public final class LocalPaths {

    /** A path starting with one slash, without backslashes or control characters; query allowed. */
    private static final Pattern SAFE = Pattern.compile("^/(?![/\\\\])[^\\\\\\p{Cntrl}]{0,500}$");

    private LocalPaths() {
    }

    /** {@code path} when it is a local path, else the home page. */
    public static String safe(String path) {
        return path != null && SAFE.matcher(path).matches() ? path : "/";
    }
}
