package io.gmnstream.operator.train;

/** PyTorch's nn.MultiheadAttention forward (self-attention, no mask, no dropout) in plain Java, for one sequence. */
final class ReferenceAttention {
    private ReferenceAttention() {
    }

    /** x [T, d]; inWeight [3d, d] rows q, k, v; outWeight [d, d] as [out, in]. Returns [T, d]. */
    static float[] forward(float[] x, int tokens, int d, int heads, float[] inWeight, float[] inBias, float[] outWeight,
                           float[] outBias) {
        float[] qkv = ImageLayersGradientTest.linear(x, tokens, d, inWeight, inBias, 3 * d);
        int hd = d / heads;
        float[] context = new float[tokens * d];
        for (int h = 0; h < heads; h++) {
            for (int t = 0; t < tokens; t++) {
                double[] scores = new double[tokens];
                double max = Double.NEGATIVE_INFINITY;
                for (int s = 0; s < tokens; s++) {
                    double dot = 0;
                    for (int i = 0; i < hd; i++) {
                        dot += qkv[t * 3 * d + h * hd + i] * qkv[s * 3 * d + d + h * hd + i];
                    }
                    scores[s] = dot / Math.sqrt(hd);
                    max = Math.max(max, scores[s]);
                }
                double sum = 0;
                for (int s = 0; s < tokens; s++) {
                    scores[s] = Math.exp(scores[s] - max);
                    sum += scores[s];
                }
                for (int i = 0; i < hd; i++) {
                    double v = 0;
                    for (int s = 0; s < tokens; s++) {
                        v += scores[s] / sum * qkv[s * 3 * d + 2 * d + h * hd + i];
                    }
                    context[t * d + h * hd + i] = (float) v;
                }
            }
        }
        return ImageLayersGradientTest.linear(context, tokens, d, outWeight, outBias, d);
    }
}
