package io.gmnstream.operator.baselines;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A baseline made of a fixed-length feature extractor and one regressor per target (test accuracy,
 * generalisation gap), each fitted on the rows whose label is finite.
 */
abstract class FeatureBaseline implements BaselineModel {
    private final Regressor.Trainer trainer;
    private Regressor accuracy;
    private Regressor gap;

    FeatureBaseline(Regressor.Trainer trainer) {
        this.trainer = Objects.requireNonNull(trainer, "trainer");
    }

    /** The feature vector of one checkpoint (fixed length). */
    abstract double[] features(LabelledCheckpoint checkpoint);

    @Override
    public void fit(List<LabelledCheckpoint> train) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException(name() + ": no training checkpoints");
        }
        List<double[]> x = new ArrayList<>(train.size());
        for (LabelledCheckpoint c : train) {
            x.add(features(c));
        }
        accuracy = fitTarget(train, x, true);
        gap = fitTarget(train, x, false);
    }

    private Regressor fitTarget(List<LabelledCheckpoint> train, List<double[]> x, boolean accuracyTarget) {
        List<double[]> rows = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            double y = accuracyTarget ? train.get(i).testAccuracy() : train.get(i).generalizationGap();
            if (Double.isFinite(y)) {
                rows.add(x.get(i));
                ys.add(y);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(name() + ": no training checkpoint has a finite "
                    + (accuracyTarget ? "test accuracy" : "generalisation gap"));
        }
        double[] y = new double[ys.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = ys.get(i);
        }
        return trainer.fit(rows.toArray(new double[0][]), y);
    }

    @Override
    public BaselinePrediction predict(LabelledCheckpoint checkpoint) {
        if (accuracy == null) {
            throw new IllegalStateException(name() + ": predict before fit");
        }
        double[] x = features(checkpoint);
        return new BaselinePrediction(clip(accuracy.predict(x), 0, 1), clip(gap.predict(x), -1, 1));
    }

    private static double clip(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
