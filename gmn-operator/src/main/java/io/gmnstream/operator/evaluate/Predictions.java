package io.gmnstream.operator.evaluate;

/**
 * Predictions for a list of checkpoints, in list order.
 *
 * @param accuracy predicted test accuracy
 * @param gap      predicted generalisation gap (train minus test accuracy)
 */
public record Predictions(double[] accuracy, double[] gap) {
    public Predictions {
        if (accuracy.length != gap.length) {
            throw new IllegalArgumentException("accuracy (" + accuracy.length + ") and gap (" + gap.length
                    + ") predictions differ in length");
        }
        accuracy = accuracy.clone();
        gap = gap.clone();
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
}
