package org.ancconnect.portal.nehr;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The blood-pressure trend as coordinates for a server-rendered SVG (no JavaScript): systolic and diastolic
 * polylines over time, dots with their readings, the y-axis ticks, and the 140/90 mmHg lines, the thresholds of
 * hypertension in pregnancy (NICE NG133, WHO ANC 2016) a doctor looks for first.
 */
public record BpChart(int width, int height, String systolicLine, String diastolicLine, List<Dot> dots, List<Tick> ticks,
        int thresholdSystolicY, int thresholdDiastolicY, int left, int right, int top, int bottom) {

    /** One reading's two dots (a missing value has no dot: y is -1). */
    public record Dot(int x, int systolicY, int diastolicY, OffsetDateTime at, BigDecimal systolic, BigDecimal diastolic) {
        public boolean hasSystolic() {
            return systolicY >= 0;
        }

        public boolean hasDiastolic() {
            return diastolicY >= 0;
        }
    }

    /** A y-axis tick and where its label goes (left of the axis, vertically centred). */
    public record Tick(int y, int value, int labelX, int labelY) {
    }

    static final int WIDTH = 640;
    static final int HEIGHT = 280;
    static final int LEFT = 44;
    static final int RIGHT = 12;
    static final int TOP = 12;
    static final int BOTTOM = 24;
    /** The y range covers what an antenatal clinic measures, 40 to 200 mmHg, fixed so charts compare at a glance. */
    static final int MIN = 40;
    static final int MAX = 200;

    /** The chart of these readings (oldest first), or null when there is none. */
    public static BpChart of(List<MotherRecord.BloodPressure> readings) {
        List<MotherRecord.BloodPressure> timed = readings.stream().filter(r -> r.at() != null).toList();
        if (timed.isEmpty()) {
            return null;
        }
        OffsetDateTime first = timed.getFirst().at();
        long span = Math.max(1, Duration.between(first, timed.getLast().at()).toMinutes());
        int plotWidth = WIDTH - LEFT - RIGHT;
        List<Dot> dots = new ArrayList<>();
        StringBuilder sys = new StringBuilder();
        StringBuilder dia = new StringBuilder();
        for (MotherRecord.BloodPressure r : timed) {
            int x = timed.size() == 1 ? LEFT + plotWidth / 2
                    : LEFT + (int) Math.round(plotWidth * (double) Duration.between(first, r.at()).toMinutes() / span);
            int sy = y(r.systolic());
            int dy = y(r.diastolic());
            if (sy >= 0) {
                sys.append(x).append(',').append(sy).append(' ');
            }
            if (dy >= 0) {
                dia.append(x).append(',').append(dy).append(' ');
            }
            dots.add(new Dot(x, sy, dy, r.at(), r.systolic(), r.diastolic()));
        }
        List<Tick> ticks = new ArrayList<>();
        for (int v = MIN; v <= MAX; v += 20) {
            int ty = y(BigDecimal.valueOf(v));
            ticks.add(new Tick(ty, v, LEFT - 6, ty + 4));
        }
        return new BpChart(WIDTH, HEIGHT, sys.toString().trim(), dia.toString().trim(), dots, ticks,
                y(BigDecimal.valueOf(140)), y(BigDecimal.valueOf(90)), LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM);
    }

    /** Screen y of a value, clamped to the plot; -1 for no value. */
    static int y(BigDecimal value) {
        if (value == null) {
            return -1;
        }
        double v = Math.max(MIN, Math.min(MAX, value.doubleValue()));
        int plotHeight = HEIGHT - TOP - BOTTOM;
        return TOP + (int) Math.round(plotHeight * (MAX - v) / (MAX - MIN));
    }
}
