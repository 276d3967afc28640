package org.ancconnect.portal.session;

import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import java.util.Set;
import org.ancconnect.portal.clients.IdentityModels;

/**
 * The signed-in user of this request, filled by {@link SessionFilter} from identity-service's session (never from
 * anything the browser sends besides the session cookie). {@link #bearer()} is a fresh internal access token for
 * calling the services on her behalf.
 */
@RequestScoped
public class PortalUser {

    /** Staff sign in with role PHM, DOCTOR or ADMIN; mothers as PATIENT. */
    public enum Kind { STAFF, PATIENT }

    private IdentityModels.SessionView session;
    private String csrfToken;

    void signIn(IdentityModels.SessionView session, String csrfToken) {
        this.session = session;
        this.csrfToken = csrfToken;
    }

    void clear() {
        this.session = null;
        this.csrfToken = null;
    }

    public boolean isSignedIn() {
        return session != null;
    }

    public Kind kind() {
        return session == null ? null : "PATIENT".equalsIgnoreCase(session.kind()) ? Kind.PATIENT : Kind.STAFF;
    }

    public boolean isStaff() {
        return kind() == Kind.STAFF;
    }

    public boolean isPatient() {
        return kind() == Kind.PATIENT;
    }

    /** Staff id, or the mother's eSignet pairwise subject. */
    public String subject() {
        return session == null ? null : session.subject();
    }

    public List<String> roles() {
        return session == null || session.roles() == null ? List.of() : session.roles();
    }

    public boolean hasRole(String role) {
        return roles().contains(role);
    }

    public boolean hasAnyRole(Set<String> wanted) {
        return roles().stream().anyMatch(wanted::contains);
    }

    /** The staff member's facility (DHIS2 org unit uid); null for patients. */
    public String facility() {
        return session == null ? null : session.facility();
    }

    /** The mother's own PHN (patients only; null before she has one). */
    public String phn() {
        return session == null ? null : session.phn();
    }

    public String name() {
        return session == null ? null : session.name();
    }

    /** {@code Bearer <token>} for the services' Authorization header; fails when nobody is signed in. */
    public String bearer() {
        return "Bearer " + accessToken();
    }

    /** A fresh internal access token (RS256, audience anc-connect), valid at least for this request. */
    public String accessToken() {
        if (session == null) {
            throw new IllegalStateException("No signed-in user on this request");
        }
        return session.accessToken();
    }

    /** The CSRF token every form of this user carries (see the {@code csrf} tag). */
    public String csrfToken() {
        return csrfToken == null ? "" : csrfToken;
    }
}
