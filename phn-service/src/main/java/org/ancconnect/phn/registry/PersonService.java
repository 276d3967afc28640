package org.ancconnect.phn.registry;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.ancconnect.commons.problem.ProblemException;
import org.ancconnect.phn.issuance.Phn;
import org.ancconnect.phn.issuance.PhnFormat;
import org.ancconnect.phn.matching.MatchRecord;
import org.ancconnect.phn.matching.MatchScore;
import org.ancconnect.phn.matching.MatchingService;

/** Read side of the registry: look-up by PHN (current or retired), comparison, search and history. */
@ApplicationScoped
public class PersonService {

    /** Results a search returns: a screen of candidates, not a listing of the registry. */
    private static final int SEARCH_LIMIT = 20;

    private final Pool pool;
    private final RegistryRepository registry;
    private final MatchingService matching;
    private final PhnFormat format;

    public PersonService(Pool pool, RegistryRepository registry, MatchingService matching, PhnFormat format) {
        this.pool = pool;
        this.registry = registry;
        this.matching = matching;
        this.format = format;
    }

    /** The active person a PHN resolves to; a retired PHN resolves to the survivor of the merge. */
    public Uni<PersonView> lookup(String phnInput) {
        Phn phn = format.require("phn", phnInput);
        return pool.withConnection(conn -> registry.byPhn(conn, phn.value()).chain(p -> {
            if (p.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.notFound("No person holds PHN " + format.display(phn)));
            }
            return registry.survivor(conn, p.get().id()).map(s -> {
                PersonRow person = s.orElseThrow();
                String requested = person.phn().equals(phn.value()) ? null : format.display(phn);
                return PersonView.of(person, display(person.phn()), requested);
            });
        }));
    }

    /**
     * The PHN of the person registered with this eSignet subject (the survivor's after a merge), for
     * identity-service's patient sign-in: an exact identifier look-up, never a probabilistic match. Empty when no
     * registration carried the subject.
     */
    public Uni<List<SubjectPhn>> phnOfEsignetSubject(String sub) {
        return pool.withConnection(conn -> registry.personByIdentifier(conn, "ESIGNET_SUB", sub).chain(id -> id.isEmpty()
                ? Uni.createFrom().item(List.<SubjectPhn>of())
                : registry.survivor(conn, id.get()).map(p -> p.map(row -> List.of(new SubjectPhn(display(row.phn()))))
                        .orElse(List.of()))));
    }

    /** Field-by-field agreement between the record and claims (e.g. eSignet-verified), with the weights. */
    public Uni<ComparisonView> compare(String phn, ClaimsRequest claims) {
        return lookup(phn).map(person -> {
            MatchRecord theirs = new MatchRecord(person.names(), person.birthDate().toString(),
                    person.birthDateEstimated(), person.sex(), person.phone(), null, person.addressLine(), null,
                    person.city(), person.district(), person.postalCode(), null);
            MatchRecord mine = new MatchRecord(List.of(new MatchRecord.Name(String.join(" ", claims.givenNames()),
                    claims.familyName())), claims.birthDate() == null ? null : claims.birthDate().toString(), false,
                    claims.sex() == null ? null : claims.sex().code(), claims.phone(), null, null, null, null,
                    claims.district(), null, null);
            MatchScore s = matching.compare(mine, theirs);
            return new ComparisonView(person, s.probability(), s.contributions());
        });
    }

    /** Persons likely to be the one described, best first, with their probabilities. */
    public Uni<List<SearchHit>> search(String given, String family, LocalDate birthDate) {
        MatchRecord query = new MatchRecord(List.of(new MatchRecord.Name(given, family)),
                birthDate == null ? null : birthDate.toString(), false, null, null, null, null, null, null, null, null,
                null);
        return pool.withConnection(conn -> matching.match(conn, query, null)).map(result -> result.scored().stream()
                .sorted(java.util.Comparator.comparingDouble(c -> -c.score().probability()))
                .limit(SEARCH_LIMIT)
                .map(c -> {
                    PersonRow p = result.persons().get(c.key());
                    return new SearchHit(PersonView.of(p, display(p.phn()), null), c.score().probability());
                }).toList());
    }

    public Uni<List<JsonObject>> history(String phnInput) {
        // Her history includes the history of every record merged into her.
        return lookup(phnInput).chain(person -> pool.preparedQuery("WITH RECURSIVE members AS ("
                + " SELECT id FROM person WHERE id = $1 UNION SELECT p.id FROM person p JOIN members m ON p.merged_into = m.id)"
                + " SELECT e.id, p.phn, e.kind, r.phn AS related_phn, e.actor, e.occurred_at, e.before_image,"
                + " e.after_image, e.details FROM identity_event e JOIN person p ON p.id = e.person_id"
                + " LEFT JOIN person r ON r.id = e.related_person_id"
                + " WHERE e.person_id IN (SELECT id FROM members) OR e.related_person_id = $1 ORDER BY e.id")
                .execute(Tuple.of(person.personId()))
                .map(rows -> {
                    List<JsonObject> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.toJson()));
                    return out;
                }));
    }

    private String display(String canonical) {
        return format.display(format.parse(canonical).phn());
    }

    /** Result of a comparison. */
    public record ComparisonView(PersonView person, double probability, List<MatchScore.Contribution> fields) {
    }

    /** The PHN bound to an eSignet subject (nothing else about her leaves the registry for a sign-in). */
    public record SubjectPhn(String phn) {
    }

    /** One search result. */
    public record SearchHit(PersonView person, double probability) {
    }
}
