package org.ancconnect.portal.web;

import io.quarkus.arc.Unremovable;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ancconnect.portal.i18n.Languages;
import org.ancconnect.portal.session.PortalUser;

/** What the layout needs about the current request: who is signed in, the language, where we are (looked up by {@link PortalGlobals}). */
@RequestScoped
@Unremovable
public class PageContext {

    /** A language the switch offers: its code, its own name, and the switch link back to this page. */
    public record Language(String code, String name, String href, boolean current) {
    }

    private static final List<String> NAMES = List.of("English", "සිංහල", "தமிழ்");

    private final PortalUser user;
    private final CurrentVertxRequest current;

    public PageContext(PortalUser user, CurrentVertxRequest current) {
        this.user = user;
        this.current = current;
    }

    public PortalUser user() {
        return user;
    }

    /** The page's language code (the {@code lang} attribute of the document). */
    public String lang() {
        HttpServerRequest request = request();
        return request == null ? "en" : Languages.of(request).getLanguage();
    }

    /** This page's path and query, for "come back here" links. */
    public String path() {
        HttpServerRequest request = request();
        if (request == null) {
            return "/";
        }
        return LocalPaths.safe(request.query() == null ? request.path() : request.path() + "?" + request.query());
    }

    public List<Language> languages() {
        String here = URLEncoder.encode(path(), StandardCharsets.UTF_8);
        String lang = lang();
        return java.util.stream.IntStream.range(0, Languages.CODES.size()).mapToObj(i -> new Language(Languages.CODES.get(i),
                NAMES.get(i), "/lang/" + Languages.CODES.get(i) + "?return=" + here, Languages.CODES.get(i).equals(lang))).toList();
    }

    /** The CSRF token of this session for forms and htmx. */
    public String csrf() {
        return user.csrfToken();
    }

    /** Whether the current path is under {@code prefix} (marks the navigation item). */
    public boolean at(String prefix) {
        HttpServerRequest request = request();
        return request != null && request.path().startsWith(prefix);
    }

    private HttpServerRequest request() {
        return current.getCurrent() == null ? null : current.getCurrent().request();
    }
}
