package org.ancconnect.portal.phm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ancconnect.portal.clients.SyncModels;
import org.ancconnect.portal.web.FieldErrors;
import org.junit.jupiter.api.Test;

class VisitFormTest {

    private final VisitForm form = new VisitForm(org.ancconnect.portal.TestConfig.portal("s"), new ObjectMapper());

    @Test
    void theAncVisitStageIsShownInTheUsersLanguage() {
        List<VisitForm.Field> fields = form.fields(Map.of(), new FieldErrors(), Locale.forLanguageTag("si"));
        assertThat(form.programStage()).isEqualTo("GX0z9IXFaso");
        assertThat(fields).hasSize(19);
        assertThat(fields.get(1).label()).isEqualTo("සිස්ටොලික් රුධිර පීඩනය");
        assertThat(fields.get(1).element().unit()).isEqualTo("mmHg");
    }

    @Test
    void valuesAreCheckedByTypeAndPlausibleRange() {
        FieldErrors errors = new FieldErrors();
        List<SyncModels.DataValue> values = form.dataValues(Map.of("Y3xF4qecAVw", "400", "QMCuOLLRHHD", "7.5",
                "cw35l7X4hnV", "11,2", "Sx8XEKmdhFf", "maybe", "Ei55u2kvdzm", "true", "kLAB3XIylS8", "x".repeat(256)), errors);
        assertThat(errors.get("de_Y3xF4qecAVw").code()).isEqualTo("range");
        assertThat(errors.get("de_QMCuOLLRHHD").code()).isEqualTo("number");
        assertThat(errors.get("de_Sx8XEKmdhFf").code()).isEqualTo("choice");
        assertThat(errors.get("de_kLAB3XIylS8").code()).isEqualTo("too_long");
        assertThat(values).containsExactlyInAnyOrder(new SyncModels.DataValue("cw35l7X4hnV", "11.2"),
                new SyncModels.DataValue("Ei55u2kvdzm", "true"));
    }
}
