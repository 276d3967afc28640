package org.ancconnect.identity.session;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.util.List;

/**
 * The principal columns a one-time code and a session both carry (same names in both tables), so a code becomes a
 * session by copying one object, and both turn back into a {@link Principal} the same way.
 */
@MappedSuperclass
public abstract class PrincipalRow extends PanacheEntityBase {

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String subject;

    /** Comma-separated roles. */
    @Column(nullable = false)
    public String roles;

    public String facility;

    public String phn;

    @Column(name = "display_name")
    public String displayName;

    /** Takes over who {@code principal} is. */
    void hold(Principal principal) {
        kind = principal.kind().name();
        subject = principal.subject();
        roles = String.join(",", principal.roles());
        facility = principal.facility();
        phn = principal.phn();
        displayName = principal.displayName();
    }

    Principal principal() {
        return new Principal(Principal.Kind.valueOf(kind), subject, List.of(roles.split(",")), facility, phn, displayName);
    }
}
