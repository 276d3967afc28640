package org.ancconnect.phn.registration;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ancconnect.commons.problem.ProblemException;
import org.ancconnect.phn.PhnConfig;
import org.ancconnect.phn.issuance.Phn;
import org.ancconnect.phn.issuance.PhnFormat;
import org.ancconnect.phn.matching.Field;
import org.ancconnect.phn.matching.MatchDecider;
import org.ancconnect.phn.matching.MatchScore;
import org.ancconnect.phn.matching.MatchingService;
import org.ancconnect.phn.matching.Normaliser;
import org.ancconnect.phn.registry.PersonRow;
import org.ancconnect.phn.registry.RegistryRepository;

/**
 * Resolves and registers patients: the deterministic tier (eSignet sub, NIC consistent with birth date
 * and sex, a presented PHN confirmed by demographics), then the probabilistic matcher, then the decision.
 * Registration is idempotent on (source system, source id) and serialised across replicas by advisory
 * locks on the source key and the strongest identity keys, so concurrent identical registrations on any
 * number of instances produce one person and one PHN.
 */
@ApplicationScoped
public class RegistrationService {

    /** No ANC mother (nor her mother) was born before this; earlier dates are data-entry errors. */
    private static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

    private final Pool pool;
    private final RegistryRepository registry;
    private final MatchingService matching;
    private final RegistrationWriter writer;
    private final PhnFormat format;
    private final String nicKey;
    private final RegistrationMetrics metrics;

    public RegistrationService(Pool pool, RegistryRepository registry, MatchingService matching,
            RegistrationWriter writer, PhnFormat format, PhnConfig config, RegistrationMetrics metrics) {
        this.pool = pool;
        this.registry = registry;
        this.matching = matching;
        this.writer = writer;
        this.format = format;
        this.nicKey = config.registration().nicHashKey();
        this.metrics = metrics;
    }

    /** Dry run: what registering this record would do, with the candidates explained. Writes nothing. */
    public Uni<RegistrationResult> resolve(RegistrationRequest request) {
        RegistrationInput input = validate(request);
        return pool.withConnection(conn -> resolve(conn, input))
                .map(r -> new RegistrationResult(r.person() == null ? null : format.display(parse(r.person().phn())),
                        r.person() == null ? null : r.person().id(), r.outcome(), r.basis(), r.probability(), null,
                        false, r.reasons(), r.candidates(), r.parametersVersion()));
    }

    public Uni<RegistrationResult> register(RegistrationRequest request, String actor) {
        RegistrationInput input = validate(request);
        // The lock and the idempotency look-up in one pipelined flight: PostgreSQL runs the look-up after
        // the lock is granted, so it sees what a concurrent holder of the lock committed.
        return pool.withTransaction(conn -> Uni.combine().all().unis(registry.lock(conn, lockKeys(input)),
                        registry.sourceRecord(conn, request.sourceSystem(), request.sourceId()))
                .with((locked, existing) -> existing)
                .chain(existing -> existing.isPresent() ? replay(conn, existing.get())
                        : resolve(conn, input).chain(r -> writer.write(conn, input, r, actor))))
                .invoke(metrics::registered);
    }

    private Uni<Resolution> resolve(SqlClient conn, RegistrationInput in) {
        RegistrationRequest req = in.request();
        if (req.decision() != null) {
            return manual(conn, in);
        }
        Uni<Optional<PersonRow>> bySub = req.esignetSub() == null ? none()
                : registry.personByIdentifier(conn, "ESIGNET_SUB", req.esignetSub()).chain(id -> survivor(conn, id));
        return bySub.chain(sub -> {
            if (sub.isPresent()) {
                return deterministic(sub.get(), "eSignet subject");
            }
            Uni<Optional<PersonRow>> byNic = !in.nicConsistent() ? none()
                    : registry.personByIdentifier(conn, "NIC_HASH", in.nicHash()).chain(id -> survivor(conn, id));
            return byNic.chain(nic -> {
                if (nic.isPresent()) {
                    return deterministic(nic.get(), "NIC consistent with birth date and sex");
                }
                Uni<Optional<PersonRow>> byPhn = in.presentedPhn() == null ? none()
                        : registry.byPhn(conn, in.presentedPhn().value()).chain(p -> p.isEmpty() ? none()
                                : survivor(conn, Optional.of(p.get().id())));
                return byPhn.chain(claimed -> {
                    if (claimed.isPresent() && confirmed(in, claimed.get())) {
                        return deterministic(claimed.get(), "presented PHN confirmed by name and birth date");
                    }
                    return probabilistic(conn, in, claimed.map(PersonRow::id).orElse(null), claimed.isPresent());
                });
            });
        });
    }

    /**
     * A presented PHN links only if her birth date agrees (exactly, swapped, or by one digit) and one of her
     * names agrees: a mistyped PHN can pass the check digit and belong to someone else.
     */
    private boolean confirmed(RegistrationInput in, PersonRow person) {
        MatchScore s = matching.compare(in.matchRecord(), person.toMatchRecord());
        int dob = s.level(Field.BIRTH_DATE);
        int given = s.level(Field.GIVEN_NAME);
        int family = s.level(Field.FAMILY_NAME);
        return dob >= 1 && dob <= 3 && (given >= 1 && given <= 3 || family >= 1 && family <= 3)
                && s.level(Field.SEX) != Field.SEX.disagree();
    }

    private Uni<Resolution> probabilistic(SqlClient conn, RegistrationInput in, UUID claimed, boolean phnUnconfirmed) {
        return matching.match(conn, in.matchRecord(), claimed).chain(result -> {
            MatchDecider.Decision<UUID> d = result.decision();
            List<String> reasons = new ArrayList<>(d.reasons());
            if (phnUnconfirmed) {
                reasons.add("presented PHN not confirmed by name and birth date");
            }
            if (in.request().nic() != null && !in.nicConsistent()) {
                reasons.add("NIC does not agree with birth date and sex; not used");
            }
            List<RegistrationResult.CandidateView> views = new ArrayList<>();
            for (MatchDecider.Ranked<UUID> r : d.ranked()) {
                PersonRow p = result.persons().get(r.key());
                views.add(RegistrationResult.CandidateView.of(r, p, format.display(parse(p.phn())), guards(r, d)));
            }
            return switch (d.outcome()) {
                case AUTO_LINK -> Uni.createFrom().item(new Resolution(RegistrationResult.Outcome.LINKED_AUTO,
                        result.persons().get(d.best().key()), "AUTO", d.best().probability(),
                        "probabilistic match above the auto-link threshold", reasons, views, result.parametersVersion()));
                case REVIEW -> Uni.createFrom().item(new Resolution(RegistrationResult.Outcome.NEW_PENDING_REVIEW, null,
                        null, d.best().probability(), "close candidate: new PHN issued and the pair queued for review",
                        reasons, views, result.parametersVersion()));
                case NEW -> Uni.createFrom().item(new Resolution(RegistrationResult.Outcome.NEW, null, null,
                        d.best() == null ? null : d.best().probability(), "no probable match", reasons, views,
                        result.parametersVersion()));
            };
        });
    }

    private static List<String> guards(MatchDecider.Ranked<UUID> r, MatchDecider.Decision<UUID> d) {
        return d.best() != null && d.best().key().equals(r.key()) ? d.reasons() : List.of();
    }

    private Uni<Resolution> manual(SqlClient conn, RegistrationInput in) {
        if (in.request().decision().action() == RegistrationRequest.ManualDecision.Action.NEW) {
            return Uni.createFrom().item(new Resolution(RegistrationResult.Outcome.NEW_MANUAL, null, "MANUAL", null,
                    "new person chosen by the midwife", List.of(), List.of(), null));
        }
        return registry.byPhn(conn, in.chosenPhn().value()).chain(p -> p.isEmpty() ? none()
                        : survivor(conn, Optional.of(p.get().id())))
                .map(p -> new Resolution(RegistrationResult.Outcome.LINKED_MANUAL, p.orElseThrow(() ->
                        ProblemException.invalidField("decision.phn", "no person holds this PHN")), "MANUAL", null,
                        "linked by the midwife", List.of(), List.of(), null));
    }

    private Uni<RegistrationResult> replay(SqlClient conn, Row source) {
        String kind = source.getString("link_kind");
        return registry.survivor(conn, source.getUUID("person_id")).map(p -> {
            PersonRow person = p.orElseThrow();
            RegistrationResult.Outcome outcome = switch (kind) {
                case "AUTO" -> RegistrationResult.Outcome.LINKED_AUTO;
                case "MANUAL" -> RegistrationResult.Outcome.LINKED_MANUAL;
                default -> RegistrationResult.Outcome.NEW;
            };
            return new RegistrationResult(format.display(parse(person.phn())), person.id(), outcome,
                    "source record already registered", source.getDouble("link_probability"), null, true, List.of(),
                    List.of(), null);
        });
    }

    private Uni<Resolution> deterministic(PersonRow person, String basis) {
        return Uni.createFrom().item(new Resolution(RegistrationResult.Outcome.LINKED_DETERMINISTIC, person, "AUTO",
                1.0, basis, List.of(), List.of(), null));
    }

    private Uni<Optional<PersonRow>> survivor(SqlClient conn, Optional<UUID> id) {
        return id.isEmpty() ? none() : registry.survivor(conn, id.get());
    }

    private static Uni<Optional<PersonRow>> none() {
        return Uni.createFrom().item(Optional.empty());
    }

    /** The source key, and each identity key present: registrations of one person meet on at least one. */
    private static List<String> lockKeys(RegistrationInput in) {
        RegistrationRequest r = in.request();
        List<String> keys = new ArrayList<>();
        keys.add("source:" + r.sourceSystem() + ":" + r.sourceId());
        if (r.esignetSub() != null) {
            keys.add("sub:" + r.esignetSub());
        }
        if (in.nicConsistent()) {
            keys.add("nic:" + in.nicHash());
        }
        keys.add("demographic:" + Normaliser.phonetic(Normaliser.fold(r.familyName()).replace(" ", "")) + ":"
                + r.birthDate());
        return keys;
    }

    private RegistrationInput validate(RegistrationRequest r) {
        if (r.birthDate().isBefore(EARLIEST_BIRTH_DATE)) {
            throw ProblemException.invalidField("birthDate", "must not be before " + EARLIEST_BIRTH_DATE);
        }
        Phn presented = r.presentedPhn() == null ? null : format.require("presentedPhn", r.presentedPhn());
        Phn chosen = null;
        if (r.decision() != null && r.decision().action() == RegistrationRequest.ManualDecision.Action.LINK) {
            if (r.decision().phn() == null) {
                throw ProblemException.invalidField("decision.phn", "is required to link");
            }
            chosen = format.require("decision.phn", r.decision().phn());
        }
        String hash = r.nic() == null ? null : NicCheck.hash(r.nic(), nicKey);
        boolean consistent = r.nic() != null && NicCheck.consistent(r.nic(), r.birthDate(), r.sex().code());
        return new RegistrationInput(r, hash, consistent, presented, chosen);
    }

    private Phn parse(String canonical) {
        return format.parse(canonical).phn();
    }
}
