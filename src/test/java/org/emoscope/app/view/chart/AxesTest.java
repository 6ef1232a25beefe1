package org.emoscope.app.view.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Tick labels say what the ticks are. */
class AxesTest {

    private static List<String> ticks(double from, double to, double step) {
        List<String> out = new ArrayList<>();
        for (double t = from; t <= to + 1e-9; t += step) out.add(Axes.seconds(t, step));
        return out;
    }

    @Test
    void quarterSecondsAreNotRoundedToTenths() {
        assertEquals(List.of("5.00", "5.25", "5.50", "5.75", "6.00"), ticks(5, 6, 0.25));
        assertEquals(List.of("0.00", "0.05", "0.10"), ticks(0, 0.1, 0.05));
        assertEquals(List.of("2.4", "2.6", "2.8"), ticks(2.4, 2.8, 0.2));
        assertEquals(List.of("5.0", "5.5", "6.0"), ticks(5, 6, 0.5));
        assertEquals(List.of("-10", "-9", "0"), List.of(Axes.seconds(-10, 1), Axes.seconds(-9, 1), Axes.seconds(-1e-12, 1)));
        assertEquals("1:30", Axes.seconds(90, 30));
    }

    @Test
    void everyStepTheAxisUsesPrintsDistinctLabels() {
        for (double step : new double[] {0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5}) {
            List<String> labels = ticks(3, 3 + 8 * step, step);
            assertEquals(labels.size(), labels.stream().distinct().count(), step + ": " + labels);
            for (int i = 0; i < labels.size(); i++)
                assertEquals(3 + i * step, Double.parseDouble(labels.get(i)), 1e-9, "step " + step);
        }
    }
}
