package org.ancconnect.portal.web;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateGlobal;

/**
 * The one template global every page and the layout use: {@code portal} (user, language, current path, CSRF token).
 * A single name, so page parameters of either portal engineer cannot collide with it. User tags are isolated from
 * the page's data, so the CSRF tag reads the token through the {@code page:} namespace instead ({@code {page:csrf}}).
 */
public final class PortalGlobals {

    private PortalGlobals() {
    }

    @TemplateGlobal
    static PageContext portal() {
        return Arc.container().instance(PageContext.class).get();
    }

    /** The {@code page:} namespace, resolvable inside isolated user tags. */
    @TemplateExtension(namespace = "page")
    static final class Namespace {

        private Namespace() {
        }

        /** This session's CSRF token. */
        static String csrf() {
            return Arc.container().instance(PageContext.class).get().csrf();
        }
    }
}
