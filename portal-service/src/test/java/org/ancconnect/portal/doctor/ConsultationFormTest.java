package org.ancconnect.portal.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConsultationFormTest {

    private static final String KEY = UUID.randomUUID().toString();

    @Test
    void validValuesBecomeAConsultation() {
        ConsultationForm f = ConsultationForm.of(KEY, " 142 ", "92", "31.5", "", "Headache", 2000);

        assertThat(f.problems()).isEmpty();
        assertThat(f.consultation().systolic()).isEqualTo(142);
        assertThat(f.consultation().diastolic()).isEqualTo(92);
        assertThat(f.consultation().fundalHeightCm()).isEqualByComparingTo("31.5");
        assertThat(f.consultation().gestationalAgeWeeks()).isNull();
        assertThat(f.consultation().key()).isEqualTo(KEY);
    }

    @Test
    void eachBadFieldIsNamedAndTheTypedValuesAreKept() {
        ConsultationForm f = ConsultationForm.of(KEY, "1420", "abc", "3", "45", "x".repeat(2001), 2000);

        assertThat(f.problems()).containsEntry("systolic", "out_of_range").containsEntry("diastolic", "not_a_number")
                .containsEntry("fundalHeight", "out_of_range").containsEntry("gestationalAge", "out_of_range")
                .containsEntry("findings", "too_long");
        assertThat(f.systolic()).isEqualTo("1420");
        assertThat(f.diastolic()).isEqualTo("abc");
    }

    @Test
    void anEmptyFormOrAFractionalPressureOrAForgedKeyIsRefused() {
        assertThat(ConsultationForm.of(KEY, "", "", "", "", "  ", 2000).problems()).containsEntry("systolic", "nothing_recorded");
        assertThat(ConsultationForm.of(KEY, "120.5", "80", "", "", "", 2000).problems()).containsEntry("systolic", "whole_number");
        ConsultationForm forged = ConsultationForm.of("../../Patient/1", "120", "80", "", "", "", 2000);
        assertThat(forged.problems()).containsEntry("key", "form_expired");
        assertThat(UUID.fromString(forged.key())).isNotNull();
    }

    @Test
    void htmlAndSinhalaOrTamilTextIsKeptAsTyped() {
        String text = "<script>alert(1)</script> ගර්භාෂ உயரம்";
        assertThat(ConsultationForm.of(KEY, "", "", "", "", text, 2000).consultation().findings()).isEqualTo(text);
    }
}
