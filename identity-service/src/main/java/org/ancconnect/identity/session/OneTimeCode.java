package org.ancconnect.identity.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A one-time code waiting to be exchanged by the portal; only its SHA-256 is stored. */
@Entity
@Table(name = "one_time_code")
public class OneTimeCode extends PrincipalRow {

    @Id
    @Column(name = "code_hash")
    public String codeHash;

    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;
}
