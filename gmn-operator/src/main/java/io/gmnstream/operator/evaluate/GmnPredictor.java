package io.gmnstream.operator.evaluate;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.operator.learn.EvalReport;
import io.gmnstream.operator.learn.GmnFitter;
import io.gmnstream.operator.score.ModelEnsemble;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A trained GMN, or the mean of an ensemble's GMNs ({@link ModelEnsemble}), as a {@link Predictor}. Each
 * GMN's predictions go through {@link GmnFitter#evaluate(GmnModel, List, String, int)}, so the gap scale
 * and non-finite policy recorded in its metadata apply exactly as when it was trained. Does not own the
 * models.
 */
public final class GmnPredictor implements Predictor {
    public static final String NAME = "gmn";
    private final String name;
    private final List<GmnModel> models;
    private final int batchSize;

    public GmnPredictor(GmnModel model, int batchSize) {
        this(NAME, List.of(Objects.requireNonNull(model, "model")), batchSize);
    }

    /** The mean prediction of {@code models}, with the spread of their accuracy predictions when there are several. */
    public GmnPredictor(String name, List<GmnModel> models, int batchSize) {
        this.name = Objects.requireNonNull(name, "name");
        this.models = List.copyOf(models);
        if (this.models.isEmpty()) {
            throw new IllegalArgumentException("at least one model is needed");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Predictions predict(List<LabelledCheckpoint> checkpoints) {
        double[] accuracy = new double[checkpoints.size()];
        double[] gap = new double[checkpoints.size()];
        double[] min = new double[checkpoints.size()];
        double[] max = new double[checkpoints.size()];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (GmnModel model : models) {
            EvalReport r = GmnFitter.evaluate(model, checkpoints, NAME, batchSize);
            if (r.predictedAccuracy().length != checkpoints.size()) {
                // The model's EXCLUDE policy dropped checkpoints: predictions would no longer line up.
                throw new IllegalArgumentException("the GMN skipped " + (checkpoints.size() - r.predictedAccuracy().length)
                        + " checkpoints with non-finite weights; apply NonFiniteWeights first");
            }
            for (int i = 0; i < accuracy.length; i++) {
                accuracy[i] += r.predictedAccuracy()[i] / models.size();
                gap[i] += r.predictedGap()[i] / models.size();
                min[i] = Math.min(min[i], r.predictedAccuracy()[i]);
                max[i] = Math.max(max[i], r.predictedAccuracy()[i]);
            }
        }
        if (models.size() == 1) {
            return new Predictions(accuracy, gap);
        }
        double[] spread = new double[accuracy.length];
        for (int i = 0; i < spread.length; i++) {
            spread[i] = max[i] - min[i];
        }
        return new Predictions(accuracy, gap, spread);
    }
}
