package io.gmnstream.schemas;

import io.gmnstream.schemas.avro.AlertSeverity;
import io.gmnstream.schemas.avro.AlertStatus;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.DeadLetter;
import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.GraphLayer;
import io.gmnstream.schemas.avro.GraphTensor;
import io.gmnstream.schemas.avro.InlineWeights;
import io.gmnstream.schemas.avro.LayerStatistics;
import io.gmnstream.schemas.avro.NativeLayerSpec;
import io.gmnstream.schemas.avro.OnnxModel;
import io.gmnstream.schemas.avro.ParamGraph;
import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.schemas.avro.RunManifest;
import io.gmnstream.schemas.avro.RunOutcome;
import io.gmnstream.schemas.avro.RunStatus;
import io.gmnstream.schemas.avro.WeightFormat;
import io.gmnstream.schemas.avro.WeightStatistics;
import io.gmnstream.schemas.avro.WeightsReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One fully populated example of every record type (millisecond timestamps: the wire precision). */
public final class TestRecords {

  public static final String RUN_ID = "run-42";
  public static final Instant T0 = Instant.ofEpochMilli(1_790_000_000_123L);

  private TestRecords() {}

  public static RunManifest manifest() {
    return RunManifest.newBuilder()
        .setRunId(RUN_ID)
        .setTask("digits-8x8")
        .setCreatedAtMillis(T0)
        .setFramework("pytorch-2.7")
        .setArchitecture(new NativeLayerSpec("{\"format\":\"gmn-layers/1\",\"layers\":[]}"))
        .setHyperparameters(Map.of("lr", "0.01", "batch_size", "64"))
        .setTags(Map.of("owner", "ana"))
        .build();
  }

  public static RunManifest onnxManifest() {
    return RunManifest.newBuilder(manifest())
        .setArchitecture(new OnnxModel(ByteBuffer.wrap(new byte[] {8, 7, 18, 3})))
        .build();
  }

  public static Checkpoint inlineCheckpoint(long step) {
    return Checkpoint.newBuilder()
        .setRunId(RUN_ID)
        .setStep(step)
        .setEpoch((int) (step / 100))
        .setCreatedAtMillis(T0.plusMillis(step))
        .setMetrics(Map.of("train_loss", 0.25, "train_accuracy", 0.91))
        .setWeights(new InlineWeights(WeightFormat.SAFETENSORS,
            ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5})))
        .build();
  }

  public static Checkpoint referenceCheckpoint(long step) {
    return Checkpoint.newBuilder(inlineCheckpoint(step))
        .setEpoch(null)
        .setWeights(new WeightsReference(WeightFormat.ONNX, "file:///blobs/run-42/" + step,
            "ab".repeat(32), 123_456L))
        .build();
  }

  public static ParamGraph graph() {
    // 3 nodes, 2 edges: enough to exercise every packed column.
    return ParamGraph.newBuilder()
        .setRunId(RUN_ID)
        .setStep(100)
        .setTask("digits-8x8")
        .setBuilderVersion("1.0.0")
        .setCheckpointCreatedAtMillis(T0)
        .setBuiltAtMillis(T0.plusMillis(7))
        .setBuildMillis(1.5)
        .setNumNodes(3)
        .setNumEdges(2)
        .setNumParameters(2)
        .setNumResidualEdges(0)
        .setNodeType(ByteBuffer.wrap(new byte[] {0, 0, 0}))
        .setNodeLayer(littleEndian(6).putShort((short) 0).putShort((short) 0).putShort((short) 1)
            .flip())
        .setNodePosition(littleEndian(12).putInt(0).putInt(1).putInt(0).flip())
        .setEdgeSource(littleEndian(8).putInt(0).putInt(1).flip())
        .setEdgeTarget(littleEndian(8).putInt(2).putInt(2).flip())
        .setEdgeValue(littleEndian(8).putFloat(0.5f).putFloat(-0.25f).flip())
        .setEdgeLayer(littleEndian(4).putShort((short) 1).putShort((short) 1).flip())
        .setEdgeType(ByteBuffer.wrap(new byte[] {0, 0}))
        .setEdgePosition(littleEndian(12).putShort((short) -1).putShort((short) -1)
            .putShort((short) -1).putShort((short) -1).putShort((short) -1).putShort((short) -1)
            .flip())
        .setLayers(List.of(GraphLayer.newBuilder()
            .setName("fc").setOp("linear").setLayerIndex(1)
            .setParams(List.of(GraphTensor.newBuilder().setRole("weight").setTensorName("fc.weight")
                .setShape(List.of(1L, 2L)).setEdgeOffset(0).setEdgeCount(2).build()))
            .build()))
        .setMetrics(Map.of("train_loss", 0.25))
        .setWeightStatistics(new WeightStatistics(0L, 0L,
            List.of(new LayerStatistics("fc", 0.559, 0.5, 0.0))))
        .build();
  }

  public static GmnScore score() {
    return GmnScore.newBuilder()
        .setRunId(RUN_ID).setStep(100).setModelId("gmn-base").setModelVersion("3")
        .setPredictedTestAccuracy(0.87).setPredictedGeneralizationGap(0.04)
        .setFlags(List.of("overfitting")).setDevice("cpu").setBatchSize(8)
        .setCheckpointCreatedAtMillis(T0).setScoredAtMillis(T0.plusMillis(40))
        .setScoringMillis(3.25)
        .build();
  }

  public static RunAlert alert() {
    return RunAlert.newBuilder()
        .setAlertId("alert-1").setRunId(RUN_ID).setRule("non_finite_weights")
        .setSeverity(AlertSeverity.CRITICAL).setStatus(AlertStatus.FIRING).setStep(100)
        .setMessage("NaN weights in layer fc").setEvidence(Map.of("nanCount", "3"))
        .setRaisedAtMillis(T0)
        .build();
  }

  public static RunOutcome outcome() {
    return RunOutcome.newBuilder()
        .setRunId(RUN_ID).setTask("digits-8x8").setStatus(RunStatus.COMPLETED)
        .setFinalTestAccuracy(0.93).setFinalTrainAccuracy(null).setFinalStep(5_000)
        .setReportedAtMillis(T0)
        .build();
  }

  public static DeadLetter deadLetter() {
    return DeadLetter.newBuilder()
        .setSourceTopic("gmn.checkpoints").setSourcePartition(2).setSourceOffset(17)
        .setKey(ByteBuffer.wrap(RUN_ID.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .setValue(ByteBuffer.wrap(new byte[] {9, 9, 9}))
        .setReason(DeadLetterReason.BAD_MAGIC_BYTE).setDetail("Bad magic byte 0x09")
        .setComponent("graph-builder").setFailedAtMillis(T0)
        .build();
  }

  /** An example value for every topic, keyed by topic. */
  public static Map<Topic<?>, SpecificRecord> examplePerTopic() {
    return Map.of(
        Topics.RUNS, manifest(),
        Topics.CHECKPOINTS, inlineCheckpoint(100),
        Topics.GRAPHS, graph(),
        Topics.SCORES, score(),
        Topics.ALERTS, alert(),
        Topics.RUN_OUTCOMES, outcome(),
        Topics.DEAD_LETTERS, deadLetter());
  }

  private static ByteBuffer littleEndian(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
