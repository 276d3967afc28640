package org.ancconnect.portal.web;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import org.ancconnect.commons.problem.Problem;
import org.ancconnect.commons.problem.ProblemException;
import org.ancconnect.portal.clients.BackendException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Failures become the error page (HTML in the user's language), ahead of commons' problem+json mappers: the portal
 * serves people, not API clients. Logs carry the failure's class and status, never its message (it may hold
 * personal data a back end echoed).
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    private static final int FIRST = Priorities.USER - 500;

    private final ErrorPages pages;

    public ErrorMappers(ErrorPages pages) {
        this.pages = pages;
    }

    /** A back end's refusal keeps its meaning (403, 404, 409, 410); its failures and outages show as 503. */
    @ServerExceptionMapper(priority = FIRST)
    public Response backend(BackendException e) {
        int status = switch (e.status()) {
            case 400, 403, 404, 409, 410 -> e.status();
            default -> 503;
        };
        LOG.infof("Back-end answered %d (%s); page answered %d", e.status(), e.type(), status);
        return pages.response(status);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response problem(ProblemException e) {
        return pages.response(e.status());
    }

    /** A framework refusal (unknown path, wrong method): the page, or problem+json for a client that asked for JSON. */
    @ServerExceptionMapper(priority = FIRST)
    public Response web(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (wantsJson(headers)) {
            Response.StatusType info = Response.Status.fromStatusCode(status);
            Problem problem = new Problem(URI.create("about:blank"), info == null ? "HTTP " + status : info.getReasonPhrase(),
                    status, e.getMessage(), "/" + uri.getPath().replaceFirst("^/", ""), null, List.of());
            return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
        }
        return pages.response(status);
    }

    private static boolean wantsJson(HttpHeaders headers) {
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        return accepted.stream().anyMatch(m -> m.getSubtype().endsWith("json"))
                && accepted.stream().noneMatch(m -> m.isCompatible(MediaType.TEXT_HTML_TYPE) && !m.isWildcardType());
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response unexpected(Throwable e) {
        StackTraceElement where = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
        LOG.errorf("Unexpected %s on a page at %s", e.getClass().getName(), where);
        return pages.response(500);
    }
}
