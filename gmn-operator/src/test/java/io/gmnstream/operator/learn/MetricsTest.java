package io.gmnstream.operator.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final double[] ACTUAL = {0.1, 0.4, 0.35, 0.8, 0.9};

    @Test
    void shouldGiveTauOneForAPerfectRankingAndMinusOneForTheReverse() {
        double[] monotone = {1, 4, 3, 8, 9};
        double[] reversed = {-1, -4, -3, -8, -9};
        assertThat(Metrics.kendallTau(monotone, ACTUAL)).isCloseTo(1.0, within(1e-12));
        assertThat(Metrics.kendallTau(reversed, ACTUAL)).isCloseTo(-1.0, within(1e-12));
        // One discordant pair out of 10: (9 - 1) / 10.
        assertThat(Metrics.kendallTau(new double[] {1, 3, 4, 8, 9}, ACTUAL)).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void shouldGiveRSquaredZeroForTheMeanPredictorAndOneForExactPredictions() {
        double mean = (0.1 + 0.4 + 0.35 + 0.8 + 0.9) / 5;
        double[] constant = {mean, mean, mean, mean, mean};
        assertThat(Metrics.r2(constant, ACTUAL)).isCloseTo(0.0, within(1e-12));
        assertThat(Metrics.r2(ACTUAL.clone(), ACTUAL)).isEqualTo(1.0);
        assertThat(Metrics.r2(new double[] {1, 1}, new double[] {0.5, 0.5})).isNaN();
    }

    @Test
    void shouldComputeMaeExactly() {
        double[] predicted = {0.2, 0.4, 0.25, 1.0, 0.9};
        // |0.1| + 0 + |0.1| + |0.2| + 0 = 0.4, / 5
        assertThat(Metrics.mae(predicted, ACTUAL)).isCloseTo(0.08, within(1e-12));
    }

    @Test
    void shouldBreakMetricsDownPerGroup() {
        double[] predicted = {0.1, 0.4, 0.5, 0.8, 0.7};
        Map<String, RegressionMetrics> byFamily = Metrics.byGroup(List.of("a", "a", "b", "b", "b"), predicted, ACTUAL);
        assertThat(byFamily).containsOnlyKeys("a", "b");
        assertThat(byFamily.get("a").n()).isEqualTo(2);
        assertThat(byFamily.get("a").mae()).isCloseTo(0.0, within(1e-12));
        assertThat(byFamily.get("a").kendallTau()).isCloseTo(1.0, within(1e-12));
        assertThat(byFamily.get("b").n()).isEqualTo(3);
        assertThat(byFamily.get("b").mae()).isCloseTo((0.15 + 0 + 0.2) / 3, within(1e-12));
        assertThat(Metrics.of(predicted, ACTUAL).n()).isEqualTo(5);
    }
}
