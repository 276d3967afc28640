package org.ancconnect.portal.session;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The form a user was typing when her session expired, handed back once to the page at the same path after she
 * signed in again. A page's GET method calls {@link #take()} and pre-fills its form; the cookie is then removed.
 */
@RequestScoped
public class RestoredForm {

    private final CurrentVertxRequest current;
    private final SavedForms savedForms;
    private boolean taken;

    public RestoredForm(CurrentVertxRequest current, SavedForms savedForms) {
        this.current = current;
        this.savedForms = savedForms;
    }

    /** The fields kept for this page's path, once. */
    public Optional<Map<String, List<String>>> take() {
        if (current.getCurrent() == null) {
            return Optional.empty();
        }
        Cookie cookie = current.getCurrent().request().getCookie(SavedForms.COOKIE);
        String path = current.getCurrent().request().path();
        Optional<SavedForms.Saved> saved = savedForms.open(cookie == null ? null : cookie.getValue())
                .filter(s -> s.path().equals(path));
        saved.ifPresent(s -> taken = true);
        return saved.map(SavedForms.Saved::fields);
    }

    boolean taken() {
        return taken;
    }

    /** Removes the saved-form cookie once a page has taken it. */
    public static class Clearing {

        private final RestoredForm restored;
        private final SessionCookies cookies;

        public Clearing(RestoredForm restored, SessionCookies cookies) {
            this.restored = restored;
            this.cookies = cookies;
        }

        @ServerResponseFilter
        public void clear(ContainerResponseContext response) {
            if (restored.taken()) {
                response.getHeaders().add("Set-Cookie", cookies.expired(SavedForms.COOKIE));
            }
        }
    }
}
