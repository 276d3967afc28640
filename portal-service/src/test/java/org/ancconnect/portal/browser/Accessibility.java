package org.ancconnect.portal.browser;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * axe-core (fetched from the npm registry by the build into {@code target/package/axe.min.js}) run in a page. The
 * script goes in through the DevTools protocol (page.evaluate), which the page's strict CSP does not govern, so the
 * CSP under test stays exactly as served.
 */
final class Accessibility {

    private static String script;

    private Accessibility() {
    }

    /** The serious and critical violations on the page, one line each: rule id, impact, first offending selector. */
    @SuppressWarnings("unchecked")
    static List<String> seriousViolations(Page page) {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            page.evaluate(axeSource());
        }
        Object result = page.evaluate("async () => (await axe.run(document, { resultTypes: ['violations'],"
                + " runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }))"
                + ".violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))");
        return (List<String>) result;
    }

    private static synchronized String axeSource() {
        if (script == null) {
            Path file = Path.of(System.getProperty("anc.axe.script", "target/package/axe.min.js"));
            try {
                script = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("axe-core missing at " + file + ": the build fetches it (npm pack)", e);
            }
        }
        return script;
    }
}
