package io.gmnstream.operator.score;

import io.gmnstream.paramgraph.GraphBuilder;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.InputSpec;
import io.gmnstream.paramgraph.spec.Layers;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.MapTensorSource;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** MLP parameter graphs with Gaussian weights, for scoring tests. */
public final class RandomMlps {
    private RandomMlps() {
    }

    /** An MLP with the given layer widths (ReLU between linear layers): {@code widths = {64, 32, 10}}. */
    public static ParamGraph mlp(Random rnd, int... widths) {
        NetworkSpec.Builder spec = NetworkSpec.builder(InputSpec.features(widths[0]));
        List<Tensor> tensors = new ArrayList<>();
        for (int l = 1; l < widths.length; l++) {
            String name = "fc" + l;
            if (l > 1) {
                spec.add(Layers.relu("act" + l));
            }
            spec.add(Layers.linear(name, widths[l - 1], widths[l]));
            tensors.add(Tensor.f32(name + ".weight", new long[] {widths[l], widths[l - 1]},
                    gaussian(rnd, widths[l] * widths[l - 1], 0.3f)));
            tensors.add(Tensor.f32(name + ".bias", new long[] {widths[l]}, gaussian(rnd, widths[l], 0.1f)));
        }
        return GraphBuilder.withDefaults().build(spec.build(), MapTensorSource.of(tensors));
    }

    private static float[] gaussian(Random rnd, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian() * scale;
        }
        return v;
    }
}
