package org.ancconnect.portal.phm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.ancconnect.portal.clients.PhnModels;
import org.ancconnect.portal.web.FieldErrors;

/** The registration pages both halves of the flow render: the form, the existing-PHN comparison, the candidates. */
@ApplicationScoped
public class RegistrationPages {

    /** One row of the side-by-side comparison: PHN record value, verified/entered value, phn-service's level. */
    public record ComparedField(String field, String recordValue, String claimValue, String level, double weight, boolean same) {
    }

    @CheckedTemplate
    static class Templates {
        /**
         * @param verified the eSignet-verified record, or null for a lower-assurance registration
         * @param locked the verified fields are shown read-only (verified and not being corrected)
         */
        static native TemplateInstance form(RegistrationForm form, VerifiedRecord verified, FieldErrors errors, boolean locked);

        static native TemplateInstance compare(RegistrationForm form, VerifiedRecord verified, PhnModels.Person person,
                double probability, List<ComparedField> fields);

        static native TemplateInstance candidates(RegistrationForm form, VerifiedRecord verified, PhnModels.Result result);
    }

    TemplateInstance form(RegistrationForm form, VerifiedRecord verified, FieldErrors errors) {
        return Templates.form(form, verified, errors, verified != null && !form.isCorrected());
    }

    TemplateInstance compare(RegistrationForm form, VerifiedRecord verified, PhnModels.Comparison comparison) {
        PhnModels.Person p = comparison.person();
        List<ComparedField> rows = comparison.fields().stream().map(c -> new ComparedField(c.field(),
                recordValue(p, c.field()), formValue(form, c.field()), c.level(), c.weight(), c.weight() > 0)).toList();
        return Templates.compare(form, verified, p, comparison.probability(), rows);
    }

    TemplateInstance candidates(RegistrationForm form, VerifiedRecord verified, PhnModels.Result result) {
        return Templates.candidates(form, verified, result);
    }

    /** The PHN record's value of a compared field (phn-service's Field names). */
    private static String recordValue(PhnModels.Person p, String field) {
        return switch (field) {
            case "GIVEN_NAME" -> p.givenNames();
            case "FAMILY_NAME" -> p.familyName();
            case "BIRTH_DATE" -> p.birthDate() == null ? null : p.birthDate().toString();
            case "SEX" -> p.sex();
            case "PHONE" -> p.phone();
            case "ADDRESS_LINE" -> p.addressLine();
            case "CITY" -> p.city();
            case "DISTRICT" -> p.district();
            case "POSTAL_CODE" -> p.postalCode();
            case "NIC" -> p.nicPresent() ? "•••" : null;
            default -> null;
        };
    }

    private static String formValue(RegistrationForm f, String field) {
        return switch (field) {
            case "GIVEN_NAME" -> f.givenNames;
            case "FAMILY_NAME" -> f.familyName;
            case "BIRTH_DATE" -> f.birthDate;
            case "SEX" -> f.sex;
            case "PHONE" -> f.phone;
            case "ADDRESS_LINE" -> f.addressLine;
            case "CITY" -> f.city;
            case "DISTRICT" -> f.district;
            case "POSTAL_CODE" -> f.postalCode;
            case "NIC" -> RegistrationCheck.blank(f.nic) ? null : "•••";
            default -> null;
        };
    }
}
