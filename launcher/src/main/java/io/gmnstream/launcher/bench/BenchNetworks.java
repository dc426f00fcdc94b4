package io.gmnstream.launcher.bench;

import io.gmnstream.paramgraph.GraphBuilder;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.InputSpec;
import io.gmnstream.paramgraph.spec.Layers;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.MapTensorSource;
import io.gmnstream.paramgraph.tensor.Tensor;
import io.gmnstream.pipeline.replay.RandomWeights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * MLP parameter graphs with random weights for the benchmarks. The cost of scoring depends on the
 * graph's shape only, so the weights need not come from training.
 */
final class BenchNetworks {
  private BenchNetworks() {}

  /** {@code "mlp 64-64-10"}. */
  static String name(int... widths) {
    return "mlp " + Arrays.stream(widths).mapToObj(String::valueOf).collect(Collectors.joining("-"));
  }

  /** An MLP with these layer widths, ReLU between linear layers, He-scaled Gaussian weights. */
  static ParamGraph mlp(long seed, int... widths) {
    if (widths.length < 2) {
      throw new IllegalArgumentException("an MLP needs at least an input and an output width");
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    NetworkSpec.Builder spec = NetworkSpec.builder(InputSpec.features(widths[0]));
    List<Tensor> tensors = new ArrayList<>();
    for (int l = 1; l < widths.length; l++) {
      String name = "fc" + l;
      if (l > 1) {
        spec.add(Layers.relu("act" + l));
      }
      int in = widths[l - 1];
      int out = widths[l];
      spec.add(Layers.linear(name, in, out));
      tensors.add(Tensor.f32(name + ".weight", new long[] {out, in}, RandomWeights.gaussian(rnd, out * in, Math.sqrt(2.0 / in))));
      tensors.add(Tensor.f32(name + ".bias", new long[] {out}, RandomWeights.gaussian(rnd, out, 0.01)));
    }
    return GraphBuilder.withDefaults().build(spec.build(), MapTensorSource.of(tensors));
  }

  /** {@code count} MLPs of the same shape and different weights. */
  static List<ParamGraph> mlps(int count, long seed, int... widths) {
    List<ParamGraph> graphs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      graphs.add(mlp(seed + i, widths));
    }
    return graphs;
  }
}
