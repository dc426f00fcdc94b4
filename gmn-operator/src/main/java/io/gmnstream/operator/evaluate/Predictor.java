package io.gmnstream.operator.evaluate;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import java.util.List;

/** Anything that predicts test accuracy and generalisation gap from a checkpoint's weights: the GMN or a fitted baseline. */
public interface Predictor {
    /** Short name for reports, e.g. {@code gmn} or {@code statnn-gbt}. */
    String name();

    /** One prediction per checkpoint, in list order. */
    Predictions predict(List<LabelledCheckpoint> checkpoints);
}
