package org.ancconnect.phn.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ancconnect.phn.PhnConfig;
import org.ancconnect.phn.matching.BlockingKeys;
import org.ancconnect.phn.matching.Normaliser;
import org.ancconnect.testsupport.tokens.InternalIssuerTestResource;
import org.junit.jupiter.api.Test;

/**
 * The blocking query against PostgreSQL: a person met in a block larger than the small-block limit is fetched only
 * when she shares a second key with the record; every member of a small block is fetched; merged persons never.
 */
@QuarkusTest
@QuarkusTestResource(InternalIssuerTestResource.class)
class CandidateSelectionTest {

    @Inject
    Pool pool;

    @Inject
    RegistryRepository registry;

    @Inject
    PhnConfig config;

    /** Keys of this run only: earlier runs left their persons in the test database. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private String key(String name) {
        return "Q" + Normaliser.VERSION + ":" + run + ":" + name;
    }

    private UUID person(String status, String... keys) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO person (id, phn, status, given_names, family_name, birth_date,"
                        + " birth_date_estimated, sex, created_at, updated_at) VALUES ($1, $2, $3, 'Kumari', 'Perera',"
                        + " '1995-03-12', false, 'female', now(), now())")
                .execute(Tuple.of(id, "Q" + id.toString().replace("-", "").substring(0, 15), status))
                .await().indefinitely();
        pool.preparedQuery("INSERT INTO match_key (key, person_id) SELECT k, $2 FROM unnest($1::varchar[]) k")
                .execute(Tuple.of(keys, id)).await().indefinitely();
        return id;
    }

    private List<UUID> block(String key, int size) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ids.add(person("ACTIVE", key));
        }
        return ids;
    }

    private Set<UUID> candidates(String... keys) {
        return pool.withConnection(c -> registry.candidates(c, List.of(keys), config.matching().candidatesPerKey(),
                        config.matching().smallBlock()))
                .await().indefinitely().stream().map(PersonRow::id).collect(Collectors.toSet());
    }

    @Test
    void aLargeBlockGivesOnlyPersonsSharingASecondKey() {
        int small = config.matching().smallBlock();
        assertThat(small).isEqualTo(BlockingKeys.SMALL_BLOCK);
        String common = key("common");
        String rare = key("rare");
        String other = key("other");
        List<UUID> namesakes = block(common, small);
        UUID her = person("ACTIVE", common, rare);
        UUID alone = person("ACTIVE", other);
        UUID merged = person("MERGED", common, rare);

        // The common block now holds small + 2 persons: its namesakes are not candidates, she is (two keys), and
        // so is the only member of a small block; a merged person never is.
        assertThat(candidates(common, rare, other)).containsExactlyInAnyOrder(her, alone);
        // A record sharing only the common key meets nobody in it.
        assertThat(candidates(common)).isEmpty();
        // A block at the limit is read whole.
        String limit = key("limit");
        List<UUID> atLimit = block(limit, small);
        assertThat(candidates(limit)).containsExactlyInAnyOrderElementsOf(atLimit);
        assertThat(namesakes).hasSize(small).doesNotContain(her);
    }
}
