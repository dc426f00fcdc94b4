package io.gmnstream.operator.baselines;

/** A fitted single-output regression model over fixed-length feature vectors. Immutable, thread-safe. */
@FunctionalInterface
public interface Regressor {
    double predict(double[] x);

    /** Fits a regressor; rows of {@code x} all have the same length. */
    @FunctionalInterface
    interface Trainer {
        Regressor fit(double[][] x, double[] y);
    }
}
