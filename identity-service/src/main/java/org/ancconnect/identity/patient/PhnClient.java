package org.ancconnect.identity.patient;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.ancconnect.commons.problem.ProblemException;
import org.ancconnect.identity.session.Principal;
import org.ancconnect.identity.token.InternalTokenIssuer;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Finds a patient's PHN by her eSignet {@code sub}: {@code GET {phn-url}/api/persons/by-esignet-sub?sub=<sub>} with a
 * service token (subject {@code identity-service}, role ADMIN), 3 s timeout, two retries on transport errors.
 * No item means she has no PHN yet (not an error); several items mean phn-service holds duplicates (refused, never guessed).
 */
@ApplicationScoped
public class PhnClient {

    private static final Logger LOG = Logger.getLogger(PhnClient.class);
    /** A sign-in waits on this call; 3 s keeps the redirect responsive while tolerating a slow replica. */
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Principal SERVICE = new Principal(Principal.Kind.STAFF, "identity-service", List.of("ADMIN"), null, null,
            "identity-service");

    private final PhnRestClient client;
    private final InternalTokenIssuer tokens;

    public PhnClient(@RestClient PhnRestClient client, InternalTokenIssuer tokens) {
        this.client = client;
        this.tokens = tokens;
    }

    /** The PHN, or null when phn-service has no person with this sub. */
    public Uni<String> phnOf(String esignetSub) {
        return tokens.issue(SERVICE)
                .flatMap(token -> client.findByEsignetSub(esignetSub, "Bearer " + token.token()))
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure(e -> !(e instanceof ProblemException)).retry().atMost(2)
                .map(page -> {
                    List<PhnRestClient.PersonItem> items = page == null || page.items() == null ? List.of() : page.items();
                    if (items.size() > 1) {
                        LOG.warn("phn-service returned several persons for one eSignet subject");
                        throw new ProblemException(409, "ambiguous-person", "Ambiguous person", "Several PHN records match this sign-in");
                    }
                    return items.isEmpty() ? null : items.getFirst().phn();
                });
    }
}
