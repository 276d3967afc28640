package org.ancconnect.portal.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ancconnect.portal.clients.BackendException;
import org.ancconnect.portal.clients.PhnClient;
import org.ancconnect.portal.clients.PhnModels;
import org.ancconnect.portal.session.PortalUser;
import org.ancconnect.portal.session.RequireRole;

/**
 * The duplicate-review queue: each open item shows the newly registered mother next to the candidates the matcher found
 * close, with every field's comparison and weight; "same person" merges her new PHN into the candidate's, "different
 * persons" keeps them apart for good (do-not-link).
 */
@Path("/admin/reviews")
@RequireRole("ADMIN")
public class ReviewResource {

    /** An open review item as phn-service lists it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(UUID id, String phn, List<PhnModels.Candidate> candidates, List<String> reasons, String facility,
            @JsonProperty("created_at") OffsetDateTime createdAt) {
    }

    /** An item with the new registration's own record, for the side-by-side view. */
    public record Shown(Item item, PhnModels.Person registered) {
    }

    /** Items shown at once: a page an admin works through, not the whole backlog. */
    private static final int LIMIT = 20;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance reviews(List<Shown> items, String done);
    }

    private final PortalUser user;
    private final PhnClient phn;
    private final ObjectMapper json;

    public ReviewResource(PortalUser user, PhnClient phn, ObjectMapper json) {
        this.user = user;
        this.phn = phn;
        this.json = json;
    }

    @GET
    public TemplateInstance list(@jakarta.ws.rs.QueryParam("done") String done) {
        List<Shown> shown = new ArrayList<>();
        for (JsonNode node : phn.reviews(user, LIMIT)) {
            Item item = json.convertValue(node, Item.class);
            PhnModels.Person registered = null;
            try {
                registered = phn.person(user, item.phn());
            } catch (BackendException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
            shown.add(new Shown(item, registered));
        }
        return Templates.reviews(shown, "same".equals(done) || "different".equals(done) ? done : null);
    }

    @POST
    @Path("/{id}")
    public Response decide(@PathParam("id") UUID id, @FormParam("resolution") String resolution, @FormParam("phn") String candidate) {
        if (!"SAME_PERSON".equals(resolution) && !"DIFFERENT_PERSONS".equals(resolution)) {
            throw new BadRequestException();
        }
        if ("SAME_PERSON".equals(resolution) && (candidate == null || candidate.isBlank())) {
            throw new BadRequestException();
        }
        phn.decide(user, id, new PhnModels.ReviewDecision(resolution, "SAME_PERSON".equals(resolution) ? candidate.trim() : null));
        return Response.seeOther(URI.create("/admin/reviews?done=" + ("SAME_PERSON".equals(resolution) ? "same" : "different")))
                .build();
    }
}
