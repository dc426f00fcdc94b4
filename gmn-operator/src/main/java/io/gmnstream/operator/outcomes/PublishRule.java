package io.gmnstream.operator.outcomes;

import io.gmnstream.operator.learn.RegressionMetrics;
import java.util.Locale;

/**
 * When a candidate replaces the current model, judged on the same held-out runs: its MAE of predicted
 * test accuracy must be lower by at least {@code minMaeGain} (noise in a retrain must not churn the
 * served model), and its Kendall tau must not be lower than the current one's by more than
 * {@code maxTauDrop} (a model that is closer on average but ranks runs worse is not better for
 * spotting bad runs). A missing current model is always replaced.
 *
 * @param minMaeGain  required MAE improvement, >= 0
 * @param maxTauDrop  tolerated tau decrease, >= 0
 */
public record PublishRule(double minMaeGain, double maxTauDrop) {
    public PublishRule {
        if (!(minMaeGain >= 0) || !(maxTauDrop >= 0)) {
            throw new IllegalArgumentException("minMaeGain and maxTauDrop must be >= 0");
        }
    }

    public static PublishRule defaults() {
        return new PublishRule(0.001, 0.05);
    }

    /** Whether to publish, and why. */
    public record Decision(boolean publish, String reason) {
    }

    /** @param current null when there is no current model */
    public Decision decide(RegressionMetrics candidate, RegressionMetrics current) {
        if (current == null) {
            return new Decision(true, "no current model");
        }
        if (!(candidate.mae() <= current.mae() - minMaeGain)) {
            return new Decision(false, String.format(Locale.ROOT, "MAE %.4f is not below the current %.4f by %.4f",
                    candidate.mae(), current.mae(), minMaeGain));
        }
        // tau is NaN for constant predictions: a NaN candidate loses to a finite current; a NaN current
        // (e.g. an untrained model predicting one value) sets no bar.
        if (Double.isFinite(current.kendallTau())
                && !(candidate.kendallTau() >= current.kendallTau() - maxTauDrop)) {
            return new Decision(false, String.format(Locale.ROOT, "tau %.4f is below the current %.4f by more than %.4f",
                    candidate.kendallTau(), current.kendallTau(), maxTauDrop));
        }
        return new Decision(true, String.format(Locale.ROOT, "MAE %.4f < %.4f, tau %.4f vs %.4f",
                candidate.mae(), current.mae(), candidate.kendallTau(), current.kendallTau()));
    }
}
