package org.ancconnect.portal.session;

/** Names of the CSRF token in forms and in htmx requests. */
public final class CsrfNames {

    /** Hidden form field every form carries ({@code {#csrf /}} writes it). */
    public static final String FIELD = "_csrf";

    /** Header htmx requests carry the token in (the layout configures htmx to send it). */
    public static final String HEADER = "X-CSRF-Token";

    private CsrfNames() {
    }
}
