package org.ancconnect.identity.token;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The internal-token signing key of one rotation slot; the private key is AES-GCM encrypted at rest. */
@Entity
@Table(name = "token_signing_key")
public class TokenSigningKey extends PanacheEntityBase {

    @Id
    public Long slot;

    @Column(nullable = false)
    public String kid;

    // text in V2: declared, so Hibernate Reactive's schema validation (it reads text without a JDBC type code) matches it.
    @Column(name = "public_jwk", nullable = false, columnDefinition = "text")
    public String publicJwk;

    @Column(name = "private_key", nullable = false)
    public byte[] privateKey;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
