package org.ancconnect.identity.session;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** A server-side session with idle and absolute timeouts; only the SHA-256 of its id is stored. */
@Entity
@Table(name = "user_session")
public class UserSession extends PanacheEntityBase {

    @Id
    @Column(name = "id_hash")
    public String idHash;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String roles;

    public String facility;

    public String phn;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "last_seen_at", nullable = false)
    public OffsetDateTime lastSeenAt;

    @Column(name = "absolute_expires_at", nullable = false)
    public OffsetDateTime absoluteExpiresAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    Principal principal() {
        List<String> roleList = Arrays.asList(roles.split(","));
        return new Principal(Principal.Kind.valueOf(kind), subject, roleList, facility, phn, displayName);
    }
}
