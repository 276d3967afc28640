package org.ancconnect.identity.staff;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A member of the staff directory: role, facility (DHIS2 org unit) and, once bound, the eSignet subject. */
@Entity
@Table(name = "staff_member")
public class StaffMember extends PanacheEntityBase {

    /** The roles staff can hold. */
    public enum Role { PHM, DOCTOR, ADMIN }

    @Id
    public UUID id;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    @Column(nullable = false)
    public String facility;

    @Column(name = "esignet_sub")
    public String esignetSub;

    @Column(name = "national_id_hash")
    public String nationalIdHash;

    @Column(name = "enrolment_code_hash")
    public String enrolmentCodeHash;

    @Column(name = "enrolment_expires_at")
    public OffsetDateTime enrolmentExpiresAt;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "bound_at")
    public OffsetDateTime boundAt;
}
