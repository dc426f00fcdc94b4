package io.gmnstream.operator.evaluate;

import io.gmnstream.operator.baselines.BaselineModel;
import io.gmnstream.operator.baselines.BaselinePrediction;
import io.gmnstream.operator.dataset.LabelledCheckpoint;
import java.util.List;
import java.util.Objects;

/** A fitted {@link BaselineModel} as a {@link Predictor}. */
public final class BaselinePredictor implements Predictor {
    private final BaselineModel model;

    private BaselinePredictor(BaselineModel model) {
        this.model = model;
    }

    /** Fits {@code model} on {@code train} (replacing any earlier fit) and wraps it. */
    public static BaselinePredictor fit(BaselineModel model, List<LabelledCheckpoint> train) {
        Objects.requireNonNull(model, "model").fit(train);
        return new BaselinePredictor(model);
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public Predictions predict(List<LabelledCheckpoint> checkpoints) {
        double[] acc = new double[checkpoints.size()];
        double[] gap = new double[checkpoints.size()];
        for (int i = 0; i < acc.length; i++) {
            BaselinePrediction p = model.predict(checkpoints.get(i));
            acc[i] = p.testAccuracy();
            gap[i] = p.generalizationGap();
        }
        return new Predictions(acc, gap);
    }
}
