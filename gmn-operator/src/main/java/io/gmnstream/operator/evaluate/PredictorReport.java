package io.gmnstream.operator.evaluate;

import io.gmnstream.operator.learn.EvalReport;
import io.gmnstream.operator.learn.RegressionMetrics;
import io.gmnstream.operator.score.ModelEnsemble;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One predictor's figures on a split's test checkpoints.
 *
 * @param accuracyByAgreement for an ensemble, its test-accuracy figures where its members agree and where
 *                            they do not ({@link #AGREE}, {@link #DISAGREE}); empty otherwise
 */
public record PredictorReport(String name, EvalReport report, Map<String, RegressionMetrics> accuracyByAgreement) {
    public static final String AGREE = String.format(Locale.ROOT, "members agree (spread < %.2f)", ModelEnsemble.DISAGREEMENT);
    public static final String DISAGREE = String.format(Locale.ROOT, "members disagree (spread >= %.2f)",
            ModelEnsemble.DISAGREEMENT);

    public PredictorReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(report, "report");
        accuracyByAgreement = Map.copyOf(accuracyByAgreement);
    }

    public PredictorReport(String name, EvalReport report) {
        this(name, report, Map.of());
    }
}
