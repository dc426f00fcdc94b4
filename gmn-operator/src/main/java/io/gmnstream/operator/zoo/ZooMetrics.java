package io.gmnstream.operator.zoo;

/** Metric keys of a zoo checkpoint (the Checkpoint record's metrics map). */
public final class ZooMetrics {
    /** Accuracy on the train data the run used (its subset, its noisy labels; at most its first 10,000 rows): the fit it achieved. */
    public static final String TRAIN_ACCURACY = "train_accuracy";
    /** Accuracy on the clean train split (all 1,438 digits rows; the first 10,000 of MNIST): comparable across runs. */
    public static final String TRAIN_ACCURACY_CLEAN = "train_accuracy_clean";
    /** Accuracy on the test split (359 digits rows, 10,000 MNIST rows): what the GMN learns to predict. */
    public static final String TEST_ACCURACY = "test_accuracy";
    /** Mean training loss of the epoch just finished (NaN or infinite when diverged). */
    public static final String TRAIN_LOSS = "train_loss";
    public static final String EPOCH = "epoch";
    public static final String STEP = "step";
    /** 1 when the loss diverged in this epoch (the weights may be NaN), else 0. */
    public static final String DIVERGED = "diverged";

    private ZooMetrics() {
    }
}
