package io.gmnstream.operator.evaluate;

/**
 * Predictions for a list of checkpoints, in list order.
 *
 * @param accuracy       predicted test accuracy
 * @param gap            predicted generalisation gap (train minus test accuracy)
 * @param accuracySpread for an ensemble, how far its members' accuracy predictions lie apart (max - min);
 *                       null for a single predictor
 */
public record Predictions(double[] accuracy, double[] gap, double[] accuracySpread) {
    public Predictions {
        if (accuracy.length != gap.length || (accuracySpread != null && accuracySpread.length != accuracy.length)) {
            throw new IllegalArgumentException("accuracy (" + accuracy.length + "), gap (" + gap.length
                    + ") and spread predictions differ in length");
        }
        accuracy = accuracy.clone();
        gap = gap.clone();
        accuracySpread = accuracySpread == null ? null : accuracySpread.clone();
    }

    public Predictions(double[] accuracy, double[] gap) {
        this(accuracy, gap, null);
    }

    public boolean hasSpread() {
        return accuracySpread != null;
    }

    public int size() {
        return accuracy.length;
    }

    @Override
    public double[] accuracy() {
        return accuracy.clone();
    }

    @Override
    public double[] gap() {
        return gap.clone();
    }

    @Override
    public double[] accuracySpread() {
        return accuracySpread == null ? null : accuracySpread.clone();
    }
}
