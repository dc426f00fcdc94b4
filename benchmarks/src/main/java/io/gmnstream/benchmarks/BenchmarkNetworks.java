package io.gmnstream.benchmarks;

import io.gmnstream.paramgraph.spec.InputSpec;
import io.gmnstream.paramgraph.spec.Layers;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.MapTensorSource;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One-layer networks whose parameter count is close to a target, so that edges per second can be
 * compared across layer kinds: a dense n x n layer, a 3x3 conv with c channels in and out, and a
 * self-attention block of width d (4 d^2 + 4 d parameters).
 */
final class BenchmarkNetworks {
  private BenchmarkNetworks() {}

  record Network(NetworkSpec spec, MapTensorSource tensors) {}

  static Network of(String kind, long targetParameters, long seed) {
    return switch (kind) {
      case "dense" -> dense((int) Math.round(Math.sqrt(targetParameters)), seed);
      case "conv" -> conv((int) Math.round(Math.sqrt(targetParameters / 9.0)), seed);
      case "attention" -> attention((int) Math.round(Math.sqrt(targetParameters / 4.0)), seed);
      default -> throw new IllegalArgumentException("unknown layer kind " + kind + " (dense, conv, attention)");
    };
  }

  static long parseSize(String size) {
    String digits = size.substring(0, size.length() - 1);
    return switch (size.charAt(size.length() - 1)) {
      case 'k' -> Long.parseLong(digits) * 1_000L;
      case 'M' -> Long.parseLong(digits) * 1_000_000L;
      default -> Long.parseLong(size);
    };
  }

  private static Network dense(int width, long seed) {
    NetworkSpec spec = NetworkSpec.of(InputSpec.features(width),
        Layers.linear("fc", width, width).withBias(false));
    return new Network(spec, MapTensorSource.of(random("fc.weight", seed, width, width)));
  }

  private static Network conv(int channels, long seed) {
    NetworkSpec spec = NetworkSpec.of(InputSpec.channelsFirst(channels, 8, 8),
        Layers.conv2d("conv", channels, channels, 3).withBias(false));
    return new Network(spec, MapTensorSource.of(random("conv.weight", seed, channels, channels, 3, 3)));
  }

  private static Network attention(int width, long seed) {
    NetworkSpec spec = NetworkSpec.of(InputSpec.sequence(16, width), Layers.attention("attn", width, 2));
    List<Tensor> tensors = new ArrayList<>();
    tensors.add(random("attn.in_proj_weight", seed, 3L * width, width));
    tensors.add(random("attn.in_proj_bias", seed + 1, 3L * width));
    tensors.add(random("attn.out_proj.weight", seed + 2, width, width));
    tensors.add(random("attn.out_proj.bias", seed + 3, width));
    return new Network(spec, MapTensorSource.of(tensors));
  }

  private static Tensor random(String name, long seed, long... shape) {
    float[] values = new float[Math.toIntExact(Tensor.elementCount(shape))];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian() * 0.05f;
    }
    return Tensor.f32(name, shape, values);
  }
}
