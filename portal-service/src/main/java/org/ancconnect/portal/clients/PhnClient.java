package org.ancconnect.portal.clients;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.ancconnect.portal.session.PortalUser;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * phn-service on behalf of the signed-in user (her internal token; phn-service decides what her role may do).
 * Blocking: call it from a page method (worker thread). Errors arrive as {@link BackendException}.
 */
@ApplicationScoped
public class PhnClient {

    private final PhnRestClient rest;

    public PhnClient(@RestClient PhnRestClient rest) {
        this.rest = rest;
    }

    /** The golden record; a retired PHN answers with the survivor ({@code requestedPhn} set). */
    public PhnModels.Person person(PortalUser user, String phn) {
        return rest.person(user.bearer(), phn);
    }

    /** Dry run of a registration: outcome and explained candidates; writes nothing. */
    public PhnModels.Result resolve(PortalUser user, PhnModels.Registration registration) {
        return rest.resolve(user.bearer(), registration);
    }

    public PhnModels.Result register(PortalUser user, PhnModels.Registration registration) {
        return rest.register(user.bearer(), registration);
    }

    public PhnModels.Comparison compare(PortalUser user, String phn, PhnModels.Claims claims) {
        return rest.compare(user.bearer(), phn, claims);
    }

    /** Best 20 matches by name and optional birth date, each {@code {person, probability}}. */
    public JsonNode search(PortalUser user, String givenName, String familyName, LocalDate birthDate) {
        return rest.search(user.bearer(), givenName, familyName, birthDate == null ? null : birthDate.toString());
    }

    public List<JsonNode> history(PortalUser user, String phn) {
        return rest.history(user.bearer(), phn);
    }

    public List<JsonNode> reviews(PortalUser user, int limit) {
        return rest.reviews(user.bearer(), limit);
    }

    public JsonNode decide(PortalUser user, UUID reviewId, PhnModels.ReviewDecision decision) {
        return rest.decide(user.bearer(), reviewId, decision);
    }

    public JsonNode merge(PortalUser admin, String survivorPhn, String duplicatePhn, String reason) {
        return rest.merge(admin.bearer(), survivorPhn, new PhnModels.Merge(duplicatePhn, reason));
    }

    public JsonNode unmerge(PortalUser admin, String survivorPhn, String duplicatePhn) {
        return rest.unmerge(admin.bearer(), survivorPhn, new PhnModels.Unmerge(duplicatePhn));
    }
}
