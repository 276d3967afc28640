package org.ancconnect.phn.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class NicCheckTest {

    @Test
    void newFormatEncodesYearDayAndSex() {
        // 12 April: 31 + 29 (February always 29) + 31 + 12 = 103; women add 500.
        assertThat(NicCheck.consistent("199560312345", LocalDate.of(1995, 4, 12), "female")).isTrue();
        assertThat(NicCheck.consistent("199510312345", LocalDate.of(1995, 4, 12), "male")).isTrue();
        assertThat(NicCheck.consistent("199510312345", LocalDate.of(1995, 4, 12), "female")).isFalse();
        assertThat(NicCheck.consistent("199560412345", LocalDate.of(1995, 4, 12), "female")).isFalse();
        assertThat(NicCheck.consistent("199660312345", LocalDate.of(1995, 4, 12), "female")).isFalse();
    }

    @Test
    void oldFormatIsWidenedToTheNewOne() {
        assertThat(NicCheck.canonical("956031234v")).isEqualTo("199560301234");
        assertThat(NicCheck.consistent("956031234V", LocalDate.of(1995, 4, 12), "female")).isTrue();
        assertThat(NicCheck.hash("956031234V", "k")).isEqualTo(NicCheck.hash("199560301234", "k"));
    }

    @Test
    void theHashIsKeyed() {
        assertThat(NicCheck.hash("199560312345", "a")).isNotEqualTo(NicCheck.hash("199560312345", "b")).hasSize(64);
    }
}
