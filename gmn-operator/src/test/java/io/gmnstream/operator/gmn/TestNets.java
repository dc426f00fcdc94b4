package io.gmnstream.operator.gmn;

import io.gmnstream.paramgraph.GraphBuilder;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.spec.NetworkSpecJson;
import io.gmnstream.paramgraph.tensor.MapTensorSource;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.util.Random;

/** Real networks (spec + tensors) for the GMN tests, and hidden-neuron permutations of them. */
final class TestNets {
    private TestNets() {
    }

    static NetworkSpec mlpSpec(int in, int hidden, int out) {
        return NetworkSpecJson.parse("{\"format\":\"gmn-layers/1\",\"input\":{\"shape\":[" + in + "],\"layout\":\"features\"},"
                + "\"layers\":[{\"name\":\"fc1\",\"op\":\"linear\",\"inFeatures\":" + in + ",\"outFeatures\":" + hidden + "},"
                + "{\"name\":\"act\",\"op\":\"activation\",\"fn\":\"relu\"},"
                + "{\"name\":\"fc2\",\"op\":\"linear\",\"inFeatures\":" + hidden + ",\"outFeatures\":" + out + "}]}");
    }

    static NetworkSpec cnnSpec() {
        return NetworkSpecJson.parse("{\"format\":\"gmn-layers/1\",\"input\":{\"shape\":[1,8,8],\"layout\":\"channels_first\"},"
                + "\"layers\":[{\"name\":\"conv1\",\"op\":\"conv\",\"inChannels\":1,\"outChannels\":8,\"kernel\":[3,3]},"
                + "{\"name\":\"act1\",\"op\":\"activation\",\"fn\":\"relu\"},"
                + "{\"name\":\"conv2\",\"op\":\"conv\",\"inChannels\":8,\"outChannels\":16,\"kernel\":[3,3]},"
                + "{\"name\":\"pool\",\"op\":\"global_avg_pool\"},"
                + "{\"name\":\"fc\",\"op\":\"linear\",\"inFeatures\":16,\"outFeatures\":10}]}");
    }

    static float[] random(Random rnd, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian() * scale;
        }
        return v;
    }

    /** MLP tensors {w1 [h,in], b1 [h], w2 [out,h], b2 [out]}. */
    static float[][] mlpTensors(Random rnd, int in, int hidden, int out, float scale) {
        return new float[][] {random(rnd, hidden * in, scale), random(rnd, hidden, scale),
                random(rnd, out * hidden, scale), random(rnd, out, scale)};
    }

    static ParamGraph mlpGraph(int in, int hidden, int out, float[][] t) {
        return GraphBuilder.withDefaults().build(mlpSpec(in, hidden, out), MapTensorSource.of(
                Tensor.f32("fc1.weight", new long[] {hidden, in}, t[0]),
                Tensor.f32("fc1.bias", new long[] {hidden}, t[1]),
                Tensor.f32("fc2.weight", new long[] {out, hidden}, t[2]),
                Tensor.f32("fc2.bias", new long[] {out}, t[3])));
    }

    /** Hidden neuron i of the result is neuron perm[i] of the original: rows of W1/b1, columns of W2. */
    static float[][] permuteMlp(float[][] t, int in, int hidden, int out, int[] perm) {
        float[] w1 = new float[hidden * in];
        float[] b1 = new float[hidden];
        float[] w2 = new float[out * hidden];
        for (int i = 0; i < hidden; i++) {
            System.arraycopy(t[0], perm[i] * in, w1, i * in, in);
            b1[i] = t[1][perm[i]];
            for (int o = 0; o < out; o++) {
                w2[o * hidden + i] = t[2][o * hidden + perm[i]];
            }
        }
        return new float[][] {w1, b1, w2, t[3].clone()};
    }

    /** CNN tensors {conv1.w [8,1,3,3], conv1.b [8], conv2.w [16,8,3,3], conv2.b [16], fc.w [10,16], fc.b [10]}. */
    static float[][] cnnTensors(Random rnd) {
        return new float[][] {random(rnd, 72, 0.3f), random(rnd, 8, 0.1f), random(rnd, 16 * 72, 0.1f),
                random(rnd, 16, 0.1f), random(rnd, 160, 0.2f), random(rnd, 10, 0.1f)};
    }

    static ParamGraph cnnGraph(float[][] t) {
        return GraphBuilder.withDefaults().build(cnnSpec(), MapTensorSource.of(
                Tensor.f32("conv1.weight", new long[] {8, 1, 3, 3}, t[0]),
                Tensor.f32("conv1.bias", new long[] {8}, t[1]),
                Tensor.f32("conv2.weight", new long[] {16, 8, 3, 3}, t[2]),
                Tensor.f32("conv2.bias", new long[] {16}, t[3]),
                Tensor.f32("fc.weight", new long[] {10, 16}, t[4]),
                Tensor.f32("fc.bias", new long[] {10}, t[5])));
    }

    /** Permutes conv1's output channels (p1, into conv2's inputs) and conv2's (p2, into fc's columns). */
    static float[][] permuteCnn(float[][] t, int[] p1, int[] p2) {
        float[] c1w = new float[72];
        float[] c1b = new float[8];
        for (int o = 0; o < 8; o++) {
            System.arraycopy(t[0], p1[o] * 9, c1w, o * 9, 9);
            c1b[o] = t[1][p1[o]];
        }
        float[] c2w = new float[16 * 72];
        float[] c2b = new float[16];
        for (int o = 0; o < 16; o++) {
            c2b[o] = t[3][p2[o]];
            for (int i = 0; i < 8; i++) {
                System.arraycopy(t[2], p2[o] * 72 + p1[i] * 9, c2w, o * 72 + i * 9, 9);
            }
        }
        float[] fw = new float[160];
        for (int c = 0; c < 10; c++) {
            for (int i = 0; i < 16; i++) {
                fw[c * 16 + i] = t[4][c * 16 + p2[i]];
            }
        }
        return new float[][] {c1w, c1b, c2w, c2b, fw, t[5].clone()};
    }
}
