package io.gmnstream.streamjobs.builder;

import io.gmnstream.paramgraph.tensor.SafetensorsWriter;
import io.gmnstream.paramgraph.tensor.Tensor;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.InlineWeights;
import io.gmnstream.schemas.avro.NativeLayerSpec;
import io.gmnstream.schemas.avro.RunManifest;
import io.gmnstream.schemas.avro.WeightFormat;
import io.gmnstream.schemas.checkpoint.WeightsReferences;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small networks, their manifests and checkpoints, for the job's tests. */
final class TestRuns {

  /** 4 -> 3 -> 2 MLP: 12 + 3 + 6 + 2 = 23 parameters. */
  static final String MLP_SPEC = """
      {"format": "gmn-layers/1", "input": {"shape": [4], "layout": "features"}, "layers": [
        {"name": "fc1", "op": "linear", "inFeatures": 4, "outFeatures": 3},
        {"name": "act", "op": "activation", "fn": "relu"},
        {"name": "fc2", "op": "linear", "inFeatures": 3, "outFeatures": 2}
      ]}""";
  static final long MLP_PARAMETERS = 23;

  /** Conv(1->2, 3x3) - ReLU - global avg pool - Linear(2->2) on 1x4x4: 18 + 2 + 4 + 2 = 26 parameters. */
  static final String CNN_SPEC = """
      {"format": "gmn-layers/1", "input": {"shape": [1, 4, 4], "layout": "channels_first"}, "layers": [
        {"name": "c1", "op": "conv", "inChannels": 1, "outChannels": 2, "kernel": [3, 3]},
        {"name": "act", "op": "activation", "fn": "relu"},
        {"name": "pool", "op": "global_avg_pool"},
        {"name": "fc", "op": "linear", "inFeatures": 2, "outFeatures": 2}
      ]}""";
  static final long CNN_PARAMETERS = 26;

  /** A 20 -> 20 linear layer: 420 parameters, over a 200-parameter limit. */
  static final String BIG_SPEC = """
      {"format": "gmn-layers/1", "input": {"shape": [20], "layout": "features"}, "layers": [
        {"name": "fc", "op": "linear", "inFeatures": 20, "outFeatures": 20}
      ]}""";

  static final String UNSUPPORTED_SPEC = """
      {"format": "gmn-layers/1", "input": {"shape": [4], "layout": "features"}, "layers": [
        {"name": "rnn", "op": "lstm", "inFeatures": 4, "outFeatures": 3}
      ]}""";

  private TestRuns() {}

  static RunManifest manifest(String runId, String specJson) {
    return RunManifest.newBuilder()
        .setRunId(runId).setTask("digits-8x8").setCreatedAtMillis(Instant.ofEpochMilli(1_000)).setFramework("pytorch-2.7")
        .setArchitecture(NativeLayerSpec.newBuilder().setSpecJson(specJson).build())
        .setHyperparameters(Map.of("lr", "0.01")).setTags(Map.of())
        .build();
  }

  /**
   * MLP weights: fc1.weight all {@code fill} (l2 = sqrt(12) * fill), fc2.weight row 0 ones and row 1
   * zeros (a dead unit: fraction 0.5, l2 = sqrt(3)), zero biases; one NaN in fc1.weight when asked.
   */
  static byte[] mlpWeights(float fill, boolean withNan) {
    float[] fc1 = filled(12, fill);
    if (withNan) {
      fc1[5] = Float.NaN;
    }
    return SafetensorsWriter.write(List.of(
        Tensor.f32("fc1.weight", new long[] {3, 4}, fc1),
        Tensor.f32("fc1.bias", new long[] {3}, new float[3]),
        Tensor.f32("fc2.weight", new long[] {2, 3}, new float[] {1, 1, 1, 0, 0, 0}),
        Tensor.f32("fc2.bias", new long[] {2}, new float[2])));
  }

  /** MLP weights whose fc1.weight has the wrong shape. */
  static byte[] mlpWeightsWithWrongShape() {
    return SafetensorsWriter.write(List.of(
        Tensor.f32("fc1.weight", new long[] {3, 5}, new float[15]),
        Tensor.f32("fc1.bias", new long[] {3}, new float[3]),
        Tensor.f32("fc2.weight", new long[] {2, 3}, new float[6]),
        Tensor.f32("fc2.bias", new long[] {2}, new float[2])));
  }

  static byte[] cnnWeights() {
    return SafetensorsWriter.write(List.of(
        Tensor.f32("c1.weight", new long[] {2, 1, 3, 3}, filled(18, 1)),
        Tensor.f32("c1.bias", new long[] {2}, new float[2]),
        Tensor.f32("fc.weight", new long[] {2, 2}, filled(4, 2)),
        Tensor.f32("fc.bias", new long[] {2}, new float[2])));
  }

  static byte[] bigWeights() {
    return SafetensorsWriter.write(List.of(
        Tensor.f32("fc.weight", new long[] {20, 20}, new float[400]),
        Tensor.f32("fc.bias", new long[] {20}, new float[20])));
  }

  static Checkpoint inline(String runId, long step, byte[] safetensors) {
    return checkpoint(runId, step, InlineWeights.newBuilder().setFormat(WeightFormat.SAFETENSORS)
        .setData(ByteBuffer.wrap(safetensors)).build());
  }

  static Checkpoint byReference(String runId, long step, String uri, byte[] blob) {
    return checkpoint(runId, step, WeightsReferences.of(WeightFormat.SAFETENSORS, uri, blob));
  }

  static Checkpoint checkpoint(String runId, long step, Object weights) {
    return Checkpoint.newBuilder()
        .setRunId(runId).setStep(step).setEpoch(null).setCreatedAtMillis(Instant.ofEpochMilli(2_000 + step))
        .setMetrics(Map.of("train_loss", 1.0 / step)).setWeights(weights)
        .build();
  }

  private static float[] filled(int n, float value) {
    float[] values = new float[n];
    Arrays.fill(values, value);
    return values;
  }
}
