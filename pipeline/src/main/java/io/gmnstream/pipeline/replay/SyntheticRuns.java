package io.gmnstream.pipeline.replay;

import io.gmnstream.paramgraph.spec.InputSpec;
import io.gmnstream.paramgraph.spec.Layers;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.spec.NetworkSpecJson;
import io.gmnstream.paramgraph.tensor.SafetensorsWriter;
import io.gmnstream.paramgraph.tensor.Tensor;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.InlineWeights;
import io.gmnstream.schemas.avro.NativeLayerSpec;
import io.gmnstream.schemas.avro.RunManifest;
import io.gmnstream.schemas.avro.WeightFormat;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs of a small digits CNN with seeded random weights, for the end-to-end proofs and
 * {@code bench pipeline}: what the pipeline costs depends on a checkpoint's shape and size, not on
 * how well its weights were trained, and these need no training time. The demo replays trained runs.
 *
 * <p>The network: conv 1-&gt;16 (3x3), ReLU, conv 16-&gt;{@code width} (3x3), ReLU, global average
 * pool, linear {@code width}-&gt;10: 5,130 parameters at the default width of 32.
 */
public final class SyntheticRuns {

  public static final int DEFAULT_WIDTH = 32;
  public static final String TASK = "digits-8x8";

  private SyntheticRuns() {}

  /** {@code runs} runs named {@code prefix-0000...}, each with {@code checkpointsPerRun} checkpoints at steps 100, 200, ... */
  public static List<RecordedRun> smallCnns(String prefix, int runs, int checkpointsPerRun, long seed) {
    return cnns(prefix, runs, checkpointsPerRun, seed, DEFAULT_WIDTH);
  }

  /** As {@link #smallCnns} with the second conv {@code width} channels wide (parameters grow as 144 x width). */
  public static List<RecordedRun> cnns(String prefix, int runs, int checkpointsPerRun, long seed, int width) {
    NetworkSpec spec = spec(width);
    String specJson = NetworkSpecJson.toJson(spec);
    List<RecordedRun> out = new ArrayList<>(runs);
    for (int r = 0; r < runs; r++) {
      String runId = String.format("%s-%04d", prefix, r);
      RunManifest manifest = RunManifest.newBuilder()
          .setRunId(runId)
          .setTask(TASK)
          .setCreatedAtMillis(Instant.EPOCH)
          .setFramework("gmn-stream-synthetic")
          .setArchitecture(NativeLayerSpec.newBuilder().setSpecJson(specJson).build())
          .setHyperparameters(Map.of("width", Integer.toString(width)))
          .setTags(Map.of("source", "synthetic"))
          .build();
      List<Checkpoint> checkpoints = new ArrayList<>(checkpointsPerRun);
      for (int c = 0; c < checkpointsPerRun; c++) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + r * 1_009L + c);
        checkpoints.add(Checkpoint.newBuilder()
            .setRunId(runId)
            .setStep(100L * (c + 1))
            .setEpoch(c + 1)
            .setCreatedAtMillis(Instant.EPOCH)
            .setMetrics(Map.of("train_loss", 2.3 / (c + 1)))
            .setWeights(InlineWeights.newBuilder()
                .setFormat(WeightFormat.SAFETENSORS)
                .setData(ByteBuffer.wrap(SafetensorsWriter.write(weights(width, rnd))))
                .build())
            .build());
      }
      out.add(new RecordedRun(manifest, checkpoints));
    }
    return out;
  }

  /** The width whose network comes closest to {@code parameters} parameters (at least 1). */
  public static int widthFor(long parameters) {
    long perWidth = parameters(1) - parameters(0);
    return (int) Math.max(1, Math.round((parameters - parameters(0)) / (double) perWidth));
  }

  /** Parameters of the network at this width. */
  public static long parameters(int width) {
    return (16 * 9 + 16) + (width * 16 * 9L + width) + (10L * width + 10);
  }

  static NetworkSpec spec(int width) {
    return NetworkSpec.builder(InputSpec.channelsFirst(1, 8, 8))
        .add(Layers.conv2d("conv1", 1, 16, 3))
        .add(Layers.relu("act1"))
        .add(Layers.conv2d("conv2", 16, width, 3))
        .add(Layers.relu("act2"))
        .add(Layers.globalAvgPool("pool"))
        .add(Layers.linear("fc", width, 10))
        .build();
  }

  private static List<Tensor> weights(int width, SplittableRandom rnd) {
    return List.of(
        Tensor.f32("conv1.weight", new long[] {16, 1, 3, 3}, RandomWeights.gaussian(rnd, 16 * 9, 1.0 / 3)),
        Tensor.f32("conv1.bias", new long[] {16}, RandomWeights.gaussian(rnd, 16, 0.01)),
        Tensor.f32("conv2.weight", new long[] {width, 16, 3, 3}, RandomWeights.gaussian(rnd, width * 16 * 9, 1.0 / 12)),
        Tensor.f32("conv2.bias", new long[] {width}, RandomWeights.gaussian(rnd, width, 0.01)),
        Tensor.f32("fc.weight", new long[] {10, width}, RandomWeights.gaussian(rnd, 10 * width, Math.sqrt(1.0 / width))),
        Tensor.f32("fc.bias", new long[] {10}, RandomWeights.gaussian(rnd, 10, 0.01)));
  }
}
