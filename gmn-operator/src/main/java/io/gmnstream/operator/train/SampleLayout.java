package io.gmnstream.operator.train;

import ai.djl.ndarray.types.Shape;
import io.gmnstream.operator.data.LabeledData;
import io.gmnstream.paramgraph.spec.InputSpec;
import java.util.List;

/**
 * How the rows of a dataset (each a {@code C x H x W} image, row-major) become the input a spec
 * declares. Rearranged in Java before the batch array is created, so the network never reshapes
 * a Java-backed array (DJL_NOTES trap 3).
 * <ul>
 *   <li>{@code features [C*H*W]}: the row as is;</li>
 *   <li>{@code channels_first [C, H, W]}: the row as is, shaped as an image;</li>
 *   <li>{@code sequence [T, C*p*p]}: non-overlapping {@code p x p} patches, row-major over the
 *       patch grid ({@code t = i * (W/p) + j}), each patch's features in {@code (c, y, x)} order as
 *       {@code torch.nn.Unfold} gives them;</li>
 *   <li>{@code sequence [T, C*p*p + T]}: the same patches, each followed by the one-hot of its token
 *       index. The patch embedding's weights on those T inputs are then exactly a learned position
 *       embedding, and the parameter graph still describes the whole network.</li>
 * </ul>
 */
public final class SampleLayout {
    private final long[] sampleShape;
    private final int patch;
    private final boolean positionOneHot;

    private SampleLayout(long[] sampleShape, int patch, boolean positionOneHot) {
        this.sampleShape = sampleShape;
        this.patch = patch;
        this.positionOneHot = positionOneHot;
    }

    /** The layout that feeds {@code data} to a network whose spec declares {@code input}; refuses a mismatch. */
    public static SampleLayout of(InputSpec input, LabeledData data) {
        List<Integer> shape = input.shape();
        int c = data.channels();
        int h = data.height();
        int w = data.width();
        switch (input.layout()) {
            case FEATURES -> {
                if (shape.get(0) == data.sampleSize()) {
                    return new SampleLayout(new long[] {shape.get(0)}, 0, false);
                }
            }
            case CHANNELS_FIRST -> {
                if (shape.equals(List.of(c, h, w))) {
                    return new SampleLayout(new long[] {c, h, w}, 0, false);
                }
            }
            case SEQUENCE -> {
                int tokens = shape.get(0);
                int features = shape.get(1);
                int p = patchSide(h, w, tokens);
                if (p > 0 && (features == c * p * p || features == c * p * p + tokens)) {
                    return new SampleLayout(new long[] {tokens, features}, p, features != c * p * p);
                }
            }
            default -> {
            }
        }
        throw new UnsupportedLayerException(null, "input " + input.layout().wireName() + " " + shape + " does not fit "
                + data.name() + " (" + c + "x" + h + "x" + w + "); expected features [" + data.sampleSize()
                + "], channels_first [" + c + ", " + h + ", " + w + "] or sequence [T, C*p*p (+T)] of p x p patches");
    }

    /** The square patch side that cuts an {@code h x w} image into {@code tokens} patches, or 0. */
    private static int patchSide(int h, int w, int tokens) {
        for (int p = 1; p <= Math.min(h, w); p++) {
            if (h % p == 0 && w % p == 0 && (h / p) * (w / p) == tokens) {
                return p;
            }
        }
        return 0;
    }

    /** The batch shape: [batch, sample shape...]. */
    public Shape shape(int batch) {
        long[] dims = new long[sampleShape.length + 1];
        dims[0] = batch;
        System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
        return new Shape(dims);
    }

    /** The rows at {@code indices}, arranged for {@link #shape(int)}. */
    public float[] rows(LabeledData data, int[] indices) {
        float[] rows = data.gatherFeatures(indices);
        return patch == 0 ? rows : patches(rows, indices.length, data.channels(), data.height(), data.width());
    }

    private float[] patches(float[] rows, int batch, int c, int h, int w) {
        int p = patch;
        int perRow = w / p;
        int tokens = (int) sampleShape[0];
        int features = (int) sampleShape[1];
        int sample = c * h * w;
        float[] out = new float[batch * tokens * features];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < tokens; t++) {
                int top = (t / perRow) * p;
                int left = (t % perRow) * p;
                int base = (b * tokens + t) * features;
                int f = 0;
                for (int ch = 0; ch < c; ch++) {
                    for (int y = 0; y < p; y++) {
                        System.arraycopy(rows, b * sample + ch * h * w + (top + y) * w + left, out, base + f, p);
                        f += p;
                    }
                }
                if (positionOneHot) {
                    out[base + f + t] = 1f;
                }
            }
        }
        return out;
    }
}
