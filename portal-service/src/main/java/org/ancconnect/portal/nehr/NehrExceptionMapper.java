package org.ancconnect.portal.nehr;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import org.ancconnect.portal.web.ErrorPages;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The NEHR unreachable, too slow or refusing, or the audit broker unable to take a view's AuditEvent: the 503 page in
 * the user's language. The log line names the request and status only (the exceptions' messages carry no record
 * content by construction).
 */
public class NehrExceptionMapper {

    private static final Logger LOG = Logger.getLogger(NehrExceptionMapper.class);

    private final ErrorPages pages;

    public NehrExceptionMapper(ErrorPages pages) {
        this.pages = pages;
    }

    @ServerExceptionMapper(priority = Priorities.USER - 600)
    public Response nehr(NehrException e) {
        LOG.warn(e.getMessage());
        return pages.response(503);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 600)
    public Response audit(AuditUnavailableException e) {
        LOG.warn(e.getMessage());
        return pages.response(503);
    }
}
