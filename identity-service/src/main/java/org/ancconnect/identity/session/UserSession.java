package org.ancconnect.identity.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A server-side session with idle and absolute timeouts; only the SHA-256 of its id is stored. */
@Entity
@Table(name = "user_session")
public class UserSession extends PrincipalRow {

    @Id
    @Column(name = "id_hash")
    public String idHash;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "last_seen_at", nullable = false)
    public OffsetDateTime lastSeenAt;

    @Column(name = "absolute_expires_at", nullable = false)
    public OffsetDateTime absoluteExpiresAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;
}
