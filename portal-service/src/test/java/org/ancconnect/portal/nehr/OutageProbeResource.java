package org.ancconnect.portal.nehr;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Test-only page (src/test: never in the application) that renders a record the way the record pages do: view, then
 * render. It lets {@link AuditOutageTest} show over HTTP that a view without its audit gets the 503 page, not the page.
 */
@Path("/test-only/record/")
public class OutageProbeResource {

    static final String PATH = "/test-only/record/";
    static final String RENDERED = "record rendered for";

    private final RecordService records;

    OutageProbeResource(RecordService records) {
        this.records = records;
    }

    @GET
    @Path("{phn}")
    @Produces(MediaType.TEXT_HTML)
    public String view(@PathParam("phn") String phn) {
        MotherRecord r = records.view(Accessor.patient(phn, "probe"), phn, Purpose.PATRQT, null).await().indefinitely();
        return "<p>" + RENDERED + " " + r.demographics().name() + "</p>";
    }
}
