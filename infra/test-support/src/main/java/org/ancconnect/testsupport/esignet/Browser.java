package org.ancconnect.testsupport.esignet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser for flow tests: keeps cookies, follows redirects one hop at a time (so a test can stop where the
 * flow leaves for the portal) and submits the HTML forms it is shown. No JavaScript, as the pages need none.
 */
public final class Browser {

    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    /** A page or redirect the browser received. */
    public record Page(URI uri, int status, String location, String body) {

        public boolean isRedirect() {
            return status >= 300 && status < 400 && location != null;
        }

        /** The value of a query parameter of the redirect target, or null. */
        public String locationParam(String name) {
            return queryParam(URI.create(location), name);
        }
    }

    /** The Cookie header this browser would send to {@code uri} (for load generators that reuse its signed-in session). */
    public String cookieHeader(URI uri) {
        return cookies.getCookieStore().get(uri).stream().map(HttpCookie::toString)
                .collect(Collectors.joining("; "));
    }

    public Page get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** Follows redirects until a page is shown or the next hop satisfies {@code stopBefore}. */
    public Page follow(Page page, Predicate<URI> stopBefore) {
        Page current = page;
        for (int hops = 0; current.isRedirect() && hops < 20; hops++) {
            URI next = current.uri().resolve(current.location());
            if (stopBefore.test(next)) {
                return current;
            }
            current = get(next.toString());
        }
        return current;
    }

    /** Opens {@code url} and follows redirects until {@code stopBefore} or a page. */
    public Page open(String url, Predicate<URI> stopBefore) {
        return follow(get(url), stopBefore);
    }

    /**
     * Submits the form on {@code page} whose action ends with {@code actionSuffix}: its hidden inputs plus
     * {@code fields} (a submit button is one more field, e.g. {@code action=allow}).
     */
    public Page submit(Page page, String actionSuffix, Map<String, String> fields) {
        return submit(page, actionSuffix, fields, Map.of());
    }

    /** As {@link #submit(Page, String, Map)}, with repeated fields such as a group of checked checkboxes. */
    public Page submit(Page page, String actionSuffix, Map<String, String> fields, Map<String, List<String>> repeated) {
        Matcher form = FORM.matcher(page.body());
        while (form.find()) {
            if (!form.group(1).endsWith(actionSuffix)) {
                continue;
            }
            List<String> pairs = new ArrayList<>();
            Matcher hidden = HIDDEN.matcher(form.group(2));
            while (hidden.find()) {
                pairs.add(enc(hidden.group(1)) + "=" + enc(unescape(hidden.group(2))));
            }
            fields.forEach((name, value) -> pairs.add(enc(name) + "=" + enc(value)));
            repeated.forEach((name, values) -> values.forEach(value -> pairs.add(enc(name) + "=" + enc(value))));
            return send(HttpRequest.newBuilder(page.uri().resolve(form.group(1)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))));
        }
        throw new IllegalStateException("No form with action *" + actionSuffix + " on " + page.uri() + ":\n" + page.body());
    }

    private Page send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
            return new Page(built.uri(), response.statusCode(), response.headers().firstValue("Location").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A query parameter of {@code uri}, decoded, or null. */
    public static String queryParam(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
