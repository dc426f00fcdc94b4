package io.gmnstream.operator.evaluate;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.operator.learn.EnsembleEvaluation;
import io.gmnstream.operator.learn.GmnFitter;
import io.gmnstream.operator.score.ModelEnsemble;
import java.util.List;
import java.util.Objects;

/**
 * A trained GMN, or the mean of an ensemble's GMNs ({@link ModelEnsemble}), as a {@link Predictor}, through
 * {@link EnsembleEvaluation}: each GMN's predictions go through {@link GmnFitter#evaluate(GmnModel, List,
 * String, int)}, so the gap scale and non-finite policy recorded in its metadata apply exactly as when it
 * was trained. Does not own the models.
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
        EnsembleEvaluation.Report r = EnsembleEvaluation.evaluate(models, checkpoints, NAME, batchSize);
        int kept = r.mean().predictedAccuracy().length;
        if (kept != checkpoints.size()) {
            // The model's EXCLUDE policy dropped checkpoints: predictions would no longer line up.
            throw new IllegalArgumentException("the GMN skipped " + (checkpoints.size() - kept)
                    + " checkpoints with non-finite weights; apply NonFiniteWeights first");
        }
        double[] spread = models.size() == 1 ? null : r.accuracySpread();
        return new Predictions(r.mean().predictedAccuracy(), r.mean().predictedGap(), spread);
    }
}
