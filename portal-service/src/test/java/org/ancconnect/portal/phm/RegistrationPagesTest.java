package org.ancconnect.portal.phm;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.ancconnect.portal.web.FieldErrors;
import org.junit.jupiter.api.Test;

/** The registration form renders verified fields read-only and escapes what was typed. */
@QuarkusTest
class RegistrationPagesTest {

    @Inject
    RegistrationPages pages;

    @Test
    @ActivateRequestContext
    void verifiedFieldsAreReadOnlyAndTypedTextIsEscaped() {
        RegistrationForm form = new RegistrationForm();
        form.sourceId = "0b9c7a52-3f1e-4c51-9a57-1d2e3f4a5b01";
        form.givenNames = "<script>x</script> කුමාරි";
        form.familyName = "Perera";
        form.sex = "female";
        VerifiedRecord verified = new VerifiedRecord("sub", "generated-code", OffsetDateTime.now(), form.givenNames, "Perera",
                LocalDate.of(1995, 4, 12), "female", null, null, null, null, null, "staff");
        String html = pages.form(form, verified, new FieldErrors()).render();
        assertThat(html).contains("id=\"f-familyName\" name=\"familyName\" type=\"text\" value=\"Perera\" readonly")
                .contains("&lt;script&gt;x&lt;/script&gt; කුමාරි").doesNotContain("<script>x");
        String manual = pages.form(form, null, new FieldErrors().add("birthDate", "required")).render();
        assertThat(manual).doesNotContain("readonly").contains("Lower assurance").contains("id=\"e-birthDate\"");
    }
}
