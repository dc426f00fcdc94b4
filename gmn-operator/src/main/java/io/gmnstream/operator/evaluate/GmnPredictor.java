package io.gmnstream.operator.evaluate;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.operator.learn.EvalReport;
import io.gmnstream.operator.learn.GmnFitter;
import java.util.List;
import java.util.Objects;

/**
 * A trained GMN as a {@link Predictor}. Predictions go through {@link GmnFitter#evaluate(GmnModel, List,
 * String, int)}, so the gap scale and non-finite policy recorded in the model's metadata apply exactly
 * as when it was trained. Does not own the model.
 */
public final class GmnPredictor implements Predictor {
    public static final String NAME = "gmn";
    private final GmnModel model;
    private final int batchSize;

    public GmnPredictor(GmnModel model, int batchSize) {
        this.model = Objects.requireNonNull(model, "model");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Predictions predict(List<LabelledCheckpoint> checkpoints) {
        EvalReport r = GmnFitter.evaluate(model, checkpoints, NAME, batchSize);
        if (r.predictedAccuracy().length != checkpoints.size()) {
            // The model's EXCLUDE policy dropped checkpoints: predictions would no longer line up.
            throw new IllegalArgumentException("the GMN skipped " + (checkpoints.size() - r.predictedAccuracy().length)
                    + " checkpoints with non-finite weights; apply NonFiniteWeights first");
        }
        return new Predictions(r.predictedAccuracy(), r.predictedGap());
    }
}
