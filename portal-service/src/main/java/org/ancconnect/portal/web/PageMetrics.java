package org.ancconnect.portal.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * {@code portal_page_seconds{page,status}}: time to answer each page, tagged by the page method
 * ({@code Class.method}, a bounded set) rather than the URL, which carries PHNs.
 */
public class PageMetrics {

    private static final String STARTED = PageMetrics.class.getName() + ".started";

    private final MeterRegistry registry;

    public PageMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @ServerRequestFilter(preMatching = true)
    public void start(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @ServerResponseFilter
    public void stop(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        if (!(request.getProperty(STARTED) instanceof Long started)) {
            return;
        }
        String page = resource != null && resource.getResourceMethod() != null
                ? resource.getResourceClass().getSimpleName() + "." + resource.getResourceMethod().getName()
                : "unmatched";
        Timer.builder("portal_page_seconds").description("Time to answer a portal page").tag("page", page)
                .tag("status", Integer.toString(response.getStatus())).register(registry)
                .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
