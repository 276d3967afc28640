package org.ancconnect.identity.token;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.ancconnect.identity.IdentityConfig;
import org.ancconnect.identity.OffEventLoop;
import org.ancconnect.identity.TimeSource;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.JoseException;

/**
 * Rotating signing keys shared by every replica through PostgreSQL. Time is cut into slots of
 * {@code identity.tokens.key-rotation}; slot N's key signs during slot N and is published from slot N-1 until
 * slot N+1, so verifiers (quarkus-oidc refreshes JWKS on an unknown kid) see a key before its first token and keep
 * it after its last. Replicas race to create a slot's key; the primary key on {@code slot} lets exactly one win.
 */
@ApplicationScoped
public class SigningKeyRing {

    /** A usable key: its kid and private key. */
    public record ActiveKey(String kid, PrivateKey privateKey) {
    }

    private final KeyEncryption encryption;
    private final TimeSource time;
    private final long rotationMillis;
    private volatile Map<Long, TokenSigningKey> loaded = Map.of();
    private volatile ActiveKey active;
    private volatile long activeSlot = Long.MIN_VALUE;

    public SigningKeyRing(KeyEncryption encryption, IdentityConfig config, TimeSource time) {
        this.encryption = encryption;
        this.time = time;
        this.rotationMillis = config.tokens().keyRotation().toMillis();
    }

    long currentSlot() {
        return time.instant().toEpochMilli() / rotationMillis;
    }

    /** The key that signs now. */
    public Uni<ActiveKey> activeKey() {
        long slot = currentSlot();
        ActiveKey current = active;
        if (current != null && activeSlot == slot) {
            return Uni.createFrom().item(current);
        }
        return ensure(slot).map(keys -> {
            TokenSigningKey row = keys.get(slot);
            ActiveKey key = new ActiveKey(row.kid, decode(row.privateKey));
            active = key;
            activeSlot = slot;
            return key;
        });
    }

    /** The published JWKS: previous, current and next slot's public keys. */
    public Uni<List<JsonWebKey>> publishedKeys() {
        long slot = currentSlot();
        return ensure(slot).map(keys -> {
            List<JsonWebKey> jwks = new ArrayList<>();
            for (long s = slot - 1; s <= slot + 1; s++) {
                TokenSigningKey row = keys.get(s);
                if (row != null) {
                    try {
                        jwks.add(JsonWebKey.Factory.newJwk(row.publicJwk));
                    } catch (JoseException e) {
                        throw new IllegalStateException("Stored public key of slot " + s + " is not a JWK", e);
                    }
                }
            }
            return jwks;
        });
    }

    private Uni<Map<Long, TokenSigningKey>> ensure(long slot) {
        Map<Long, TokenSigningKey> cached = loaded;
        if (cached.containsKey(slot) && cached.containsKey(slot + 1)) {
            return Uni.createFrom().item(cached);
        }
        return load(slot)
                .flatMap(keys -> keys.containsKey(slot) && keys.containsKey(slot + 1) ? Uni.createFrom().item(keys)
                        : create(slot, keys).flatMap(ignored -> load(slot)))
                .invoke(keys -> loaded = keys);
    }

    private Uni<Map<Long, TokenSigningKey>> load(long slot) {
        return Panache.withSession(() -> TokenSigningKey.<TokenSigningKey>list("slot between ?1 and ?2", slot - 1, slot + 1))
                .map(rows -> {
                    Map<Long, TokenSigningKey> keys = new TreeMap<>();
                    rows.forEach(row -> keys.put(row.slot, row));
                    return keys;
                });
    }

    private Uni<Void> create(long slot, Map<Long, TokenSigningKey> existing) {
        List<Long> missing = new ArrayList<>();
        for (long s = slot; s <= slot + 1; s++) {
            if (!existing.containsKey(s)) {
                missing.add(s);
            }
        }
        return OffEventLoop.compute(() -> missing.stream().map(this::generate).toList())
                .flatMap(rows -> Panache.withTransaction(() -> Panache.getSession().flatMap(session -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (TokenSigningKey row : rows) {
                        chain = chain.flatMap(ignored -> session.createNativeQuery(
                                "insert into token_signing_key (slot, kid, public_jwk, private_key, created_at) "
                                        + "values (?1, ?2, ?3, ?4, ?5) on conflict (slot) do nothing")
                                .setParameter(1, row.slot).setParameter(2, row.kid).setParameter(3, row.publicJwk)
                                .setParameter(4, row.privateKey).setParameter(5, row.createdAt).executeUpdate());
                    }
                    return chain;
                }))).replaceWithVoid();
    }

    private TokenSigningKey generate(long slot) {
        try {
            RsaJsonWebKey jwk = RsaJwkGenerator.generateJwk(2048);
            jwk.setKeyId(UUID.randomUUID().toString());
            jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            jwk.setUse("sig");
            TokenSigningKey row = new TokenSigningKey();
            row.slot = slot;
            row.kid = jwk.getKeyId();
            row.publicJwk = jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            row.privateKey = encryption.encrypt(jwk.getPrivateKey().getEncoded());
            row.createdAt = time.now();
            return row;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private PrivateKey decode(byte[] stored) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(encryption.decrypt(stored)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
