package io.gmnstream.operator.learn;

import java.util.Locale;

/**
 * Agreement of predictions with measured values.
 *
 * @param n          number of pairs
 * @param kendallTau Kendall's tau-b (NaN with fewer than 2 pairs or a constant side)
 * @param r2         coefficient of determination 1 - SS_res / SS_tot (NaN when the actual values are constant)
 * @param mae        mean absolute error
 */
public record RegressionMetrics(int n, double kendallTau, double r2, double mae) {
    public String format() {
        return String.format(Locale.ROOT, "n=%d tau=%.4f R2=%.4f MAE=%.4f", n, kendallTau, r2, mae);
    }
}
