package org.ancconnect.portal.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/**
 * The readable error page, in the user's language, for every refusal and failure: 400, 403 (also a refused CSRF
 * token), 404, 409, 410, 500 and 503 (a back end unavailable). Pages of REC reuse it through the exception mappers.
 */
@ApplicationScoped
public class ErrorPages {

    /** Statuses that have their own wording; others are shown as 500. */
    private static final Set<Integer> WORDED = Set.of(400, 403, 404, 409, 410, 500, 503);

    @CheckedTemplate
    static class Templates {
        /**
         * @param status the HTTP status shown
         * @param reason a finer reason with its own wording ({@code csrf}), or empty
         */
        static native TemplateInstance error(int status, String reason);
    }

    public Response response(int status) {
        return response(status, "");
    }

    public Response response(int status, String reason) {
        int shown = WORDED.contains(status) ? status : 500;
        String html = Templates.error(shown, reason == null ? "" : reason).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }
}
