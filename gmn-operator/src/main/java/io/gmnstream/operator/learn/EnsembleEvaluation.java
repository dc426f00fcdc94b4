package io.gmnstream.operator.learn;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.operator.gmn.GmnModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates the mean prediction of several GMNs trained on the same runs (an ensemble), each through
 * {@link GmnFitter#evaluate(GmnModel, List, String, int)} so that its own gap scale and non-finite policy
 * apply, and measures how far their accuracy predictions lie apart.
 */
public final class EnsembleEvaluation {
    /**
     * @param mean           the figures of the members' mean prediction
     * @param accuracySpread per evaluated checkpoint (in {@code mean.keys()} order): max - min of the members'
     *                       accuracy predictions (0 for one member)
     */
    public record Report(EvalReport mean, double[] accuracySpread) {
        public Report {
            Objects.requireNonNull(mean, "mean");
            accuracySpread = accuracySpread.clone();
        }

        @Override
        public double[] accuracySpread() {
            return accuracySpread.clone();
        }
    }

    private EnsembleEvaluation() {
    }

    /**
     * @throws IllegalArgumentException when {@code models} is empty, nothing is left to evaluate, or the members'
     *         non-finite policies kept different checkpoints
     */
    public static Report evaluate(List<GmnModel> models, List<LabelledCheckpoint> test, String split, int batchSize) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one model");
        }
        List<EvalReport> reports = new ArrayList<>(models.size());
        for (GmnModel model : models) {
            reports.add(GmnFitter.evaluate(model, test, split, batchSize));
        }
        EvalReport first = reports.get(0);
        int n = first.keys().size();
        double[] accuracy = new double[n];
        double[] gap = new double[n];
        double[] min = new double[n];
        double[] max = new double[n];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (EvalReport r : reports) {
            if (!r.keys().equals(first.keys())) {
                throw new IllegalArgumentException("the ensemble's members kept different checkpoints (their non-finite "
                        + "policies differ)");
            }
            for (int i = 0; i < n; i++) {
                accuracy[i] += r.predictedAccuracy()[i] / reports.size();
                gap[i] += r.predictedGap()[i] / reports.size();
                min[i] = Math.min(min[i], r.predictedAccuracy()[i]);
                max[i] = Math.max(max[i], r.predictedAccuracy()[i]);
            }
        }
        if (reports.size() == 1) {
            return new Report(first, new double[n]);
        }
        Map<String, LabelledCheckpoint> byKey = new HashMap<>();
        test.forEach(c -> byKey.put(c.key(), c));
        double[] actualAccuracy = new double[n];
        double[] actualGap = new double[n];
        List<String> families = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            LabelledCheckpoint c = byKey.get(first.keys().get(i));
            actualAccuracy[i] = c.testAccuracy();
            actualGap[i] = c.generalizationGap();
            families.add(c.family());
        }
        double[] spread = new double[n];
        for (int i = 0; i < n; i++) {
            spread[i] = max[i] - min[i];
        }
        EvalReport mean = new EvalReport(split, Metrics.of(accuracy, actualAccuracy), Metrics.of(gap, actualGap),
                Metrics.byGroup(families, accuracy, actualAccuracy), Metrics.byGroup(families, gap, actualGap),
                first.keys(), accuracy, gap);
        return new Report(mean, spread);
    }
}
