package org.ancconnect.portal.nehr;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class BpChartTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-09-01T09:00:00+05:30");

    @Test
    void readingsSpreadOverTimeWithHigherPressureHigherUp() {
        BpChart c = BpChart.of(List.of(bp(0, 110, 70), bp(14, 150, 100), bp(28, 130, null)));

        assertThat(c.dots()).extracting(BpChart.Dot::x).containsExactly(BpChart.LEFT,
                BpChart.LEFT + (BpChart.WIDTH - BpChart.LEFT - BpChart.RIGHT) / 2, BpChart.WIDTH - BpChart.RIGHT);
        assertThat(c.dots().get(1).systolicY()).isLessThan(c.dots().get(0).systolicY());
        assertThat(c.thresholdSystolicY()).isBetween(c.dots().get(1).systolicY(), c.dots().get(0).systolicY());
        assertThat(c.dots().get(2).hasDiastolic()).isFalse();
        assertThat(c.diastolicLine().split(" ")).hasSize(2);
        assertThat(c.systolicLine().split(" ")).hasSize(3);
    }

    @Test
    void valuesOutsideTheAxisAreClampedAndNoReadingsMeansNoChart() {
        BpChart c = BpChart.of(List.of(bp(0, 300, 10)));

        assertThat(c.dots().getFirst().systolicY()).isEqualTo(BpChart.TOP);
        assertThat(c.dots().getFirst().diastolicY()).isEqualTo(BpChart.HEIGHT - BpChart.BOTTOM);
        assertThat(c.dots().getFirst().x()).as("one reading sits in the middle").isEqualTo(BpChart.LEFT
                + (BpChart.WIDTH - BpChart.LEFT - BpChart.RIGHT) / 2);
        assertThat(BpChart.of(List.of())).isNull();
        assertThat(c.ticks()).extracting(BpChart.Tick::value).containsExactly(40, 60, 80, 100, 120, 140, 160, 180, 200);
    }

    private static MotherRecord.BloodPressure bp(int days, Integer sys, Integer dia) {
        return new MotherRecord.BloodPressure(T0.plusDays(days), sys == null ? null : BigDecimal.valueOf(sys),
                dia == null ? null : BigDecimal.valueOf(dia));
    }
}
