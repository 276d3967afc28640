package org.ancconnect.identity.esignet;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ancconnect.identity.IdentityConfig;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

/**
 * The identity system's userinfo signing keys (configured JWKS URL, not eSignet's), fetched without blocking and
 * cached; an unknown {@code kid} triggers a refresh, at most every 30 s so a forged kid cannot hammer the JWKS.
 */
@ApplicationScoped
public class IdentitySystemKeys {

    /** Keys change rarely; ten minutes matches quarkus-oidc's own forced JWKS refresh interval. */
    private static final Duration CACHE_FOR = Duration.ofMinutes(10);
    private static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    private static final long TIMEOUT_MS = 5_000;

    private final WebClient client;
    private final String url;
    private volatile List<JsonWebKey> keys = List.of();
    private volatile Instant fetchedAt = Instant.EPOCH;

    public IdentitySystemKeys(Vertx vertx, IdentityConfig config) {
        this.client = WebClient.create(vertx);
        this.url = config.esignet().userinfoJwksUrl();
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** The key with {@code kid} (or the only key when the JWS names none). */
    public Uni<Optional<JsonWebKey>> find(String kid) {
        Optional<JsonWebKey> cached = pick(kid);
        Instant now = Instant.now();
        boolean stale = fetchedAt.plus(CACHE_FOR).isBefore(now);
        boolean mayRefresh = fetchedAt.plus(MIN_REFRESH_INTERVAL).isBefore(now);
        if (cached.isPresent() && !stale || !mayRefresh) {
            return Uni.createFrom().item(cached);
        }
        return client.getAbs(url).timeout(TIMEOUT_MS).send().map(this::store).map(ignored -> pick(kid));
    }

    private boolean store(HttpResponse<?> response) {
        if (response.statusCode() != 200) {
            throw new SignInRejected("userinfo_keys", "Identity system JWKS answered HTTP " + response.statusCode());
        }
        try {
            keys = new JsonWebKeySet(response.bodyAsString()).getJsonWebKeys();
            fetchedAt = Instant.now();
            return true;
        } catch (JoseException e) {
            throw new SignInRejected("userinfo_keys", "Identity system JWKS is not a JWK set");
        }
    }

    private Optional<JsonWebKey> pick(String kid) {
        List<JsonWebKey> current = keys;
        if (kid == null) {
            return current.size() == 1 ? Optional.of(current.getFirst()) : Optional.empty();
        }
        return current.stream().filter(k -> kid.equals(k.getKeyId())).findFirst();
    }
}
