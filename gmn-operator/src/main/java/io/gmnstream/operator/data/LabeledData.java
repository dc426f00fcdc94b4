package io.gmnstream.operator.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Labeled samples held in one row-major float array: sample {@code i} occupies
 * {@code features[i * sampleSize() .. (i + 1) * sampleSize())}. Each sample is a
 * {@code channels x height x width} image; dense networks read it as a flat vector.
 * The arrays are shared, not copied (MNIST is 188 MB): do not modify them.
 */
public record LabeledData(String name, float[] features, int[] labels, int channels, int height, int width,
                          int numClasses) {
    public LabeledData {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (channels < 1 || height < 1 || width < 1 || numClasses < 1) {
            throw new IllegalArgumentException(name + ": channels, height, width and numClasses must be positive");
        }
        long expected = (long) labels.length * channels * height * width;
        if (features.length != expected) {
            throw new IllegalArgumentException(name + ": " + labels.length + " samples of " + channels + "x" + height
                    + "x" + width + " need " + expected + " features, got " + features.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of sample " + i
                        + " is outside 0.." + (numClasses - 1));
            }
        }
    }

    public int size() {
        return labels.length;
    }

    /** Floats per sample: channels * height * width. */
    public int sampleSize() {
        return channels * height * width;
    }

    /** Shape for dense networks: [N, C*H*W]. */
    public long[] flatShape() {
        return new long[] {size(), sampleSize()};
    }

    /** Shape for conv networks: [N, C, H, W]. */
    public long[] imageShape() {
        return new long[] {size(), channels, height, width};
    }

    /** How many samples carry each label. */
    public int[] labelCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The rows at {@code indices}, packed in that order (for a mini-batch). */
    public float[] gatherFeatures(int[] indices) {
        int s = sampleSize();
        float[] out = new float[indices.length * s];
        for (int b = 0; b < indices.length; b++) {
            System.arraycopy(features, indices[b] * s, out, b * s, s);
        }
        return out;
    }

    public int[] gatherLabels(int[] indices) {
        int[] out = new int[indices.length];
        for (int b = 0; b < indices.length; b++) {
            out[b] = labels[indices[b]];
        }
        return out;
    }

    @Override
    public String toString() {
        return "LabeledData[" + name + ", " + size() + " x " + channels + "x" + height + "x" + width
                + ", labels " + Arrays.toString(labelCounts()) + "]";
    }
}
