package io.gmnstream.operator.baselines;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import java.util.List;

/**
 * A model that predicts a checkpoint's test accuracy and generalisation gap from its weights,
 * compared with the GMN on the same by-run split. {@link #fit} must be called before
 * {@link #predict}; fitting again replaces the previous fit.
 */
public interface BaselineModel {
    /** Short name for reports, e.g. {@code statnn-gbt}. */
    String name();

    /** Fits on the training checkpoints (checkpoints with a non-finite label are skipped for that target). */
    void fit(List<LabelledCheckpoint> train);

    /** @throws IllegalStateException before {@link #fit} */
    BaselinePrediction predict(LabelledCheckpoint checkpoint);
}
