package org.ancconnect.portal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ancconnect.portal.TestConfig;
import org.junit.jupiter.api.Test;

class SavedFormsTest {

    private final PortalKeys keys = new PortalKeys(TestConfig.portal("one secret"));
    private final Instant now = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void aSavedFormOpensOnceWithoutItsCsrfFieldAndNotAfterFifteenMinutes() {
        SavedForms forms = new SavedForms(new Sealer(keys), Clock.fixed(now, ZoneOffset.UTC));
        String sealed = forms.seal("/phm/register/check", Map.of("givenNames", List.of("කුමාරි <b>"), "_csrf", List.of("t")))
                .orElseThrow();
        assertThat(sealed).doesNotContain("කුමාරි").doesNotContain("givenNames");
        SavedForms.Saved saved = forms.open(sealed).orElseThrow();
        assertThat(saved.path()).isEqualTo("/phm/register/check");
        assertThat(saved.fields()).containsOnlyKeys("givenNames").containsEntry("givenNames", List.of("කුමාරි <b>"));
        SavedForms later = new SavedForms(new Sealer(keys), Clock.fixed(now.plus(Duration.ofMinutes(16)), ZoneOffset.UTC));
        assertThat(later.open(sealed)).isEmpty();
    }

    @Test
    void aTamperedForeignOrOtherPurposeValueDoesNotOpen() {
        Sealer sealer = new Sealer(keys);
        SavedForms forms = new SavedForms(sealer, Clock.fixed(now, ZoneOffset.UTC));
        String sealed = forms.seal("/x", Map.of("a", List.of("b"))).orElseThrow();
        char last = sealed.charAt(sealed.length() - 2);
        String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
        assertThat(forms.open(tampered)).isEmpty();
        SavedForms otherKey = new SavedForms(new Sealer(new PortalKeys(TestConfig.portal("another secret"))), Clock.fixed(now, ZoneOffset.UTC));
        assertThat(otherKey.open(sealed)).isEmpty();
        assertThat(sealer.open("verified-record", sealed, SavedForms.Saved.class)).isEmpty();
        assertThat(forms.open("not base64 !")).isEmpty();
    }

    @Test
    void aFormTooLargeForACookieIsNotKept() {
        SavedForms forms = new SavedForms(new Sealer(keys), Clock.fixed(now, ZoneOffset.UTC));
        StringBuilder random = new StringBuilder();
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 6000; i++) {
            random.append((char) ('a' + r.nextInt(26)));
        }
        assertThat(forms.seal("/x", Map.of("notes", List.of(random.toString())))).isEqualTo(Optional.empty());
    }

    @Test
    void csrfTokensAreBoundToTheSession() {
        String token = keys.csrfToken("session-a");
        assertThat(keys.csrfValid("session-a", token)).isTrue();
        assertThat(keys.csrfValid("session-b", token)).isFalse();
        assertThat(keys.csrfValid("session-a", null)).isFalse();
        assertThat(keys.csrfValid("session-a", token.substring(1))).isFalse();
    }
}
