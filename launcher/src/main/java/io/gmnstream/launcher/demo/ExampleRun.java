package io.gmnstream.launcher.demo;

import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.InlineWeights;
import io.gmnstream.schemas.avro.NativeLayerSpec;
import io.gmnstream.schemas.avro.OnnxModel;
import io.gmnstream.schemas.avro.RunManifest;
import io.gmnstream.schemas.avro.WeightFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;

/** An example network as a training job would publish it: its run manifest and one checkpoint. */
record ExampleRun(String label, RunManifest manifest, Checkpoint checkpoint) {

  /** ONNX examples carry their own architecture; safetensors ones take it from their layer spec. */
  static ExampleRun of(DemoInput input, Instant now) throws IOException {
    String fileName = input.file().getFileName().toString();
    String runId = "example-" + fileName.replaceFirst("\\.(onnx|safetensors)$", "");
    byte[] weights = Files.readAllBytes(input.file());
    boolean onnx = input.layerSpec() == null;
    Object architecture = onnx
        ? OnnxModel.newBuilder().setModel(ByteBuffer.wrap(weights)).build()
        : NativeLayerSpec.newBuilder().setSpecJson(Files.readString(input.layerSpec())).build();
    RunManifest manifest = RunManifest.newBuilder()
        .setRunId(runId)
        .setTask("digits-8x8")
        .setCreatedAtMillis(now)
        .setFramework("pytorch-1.13")
        .setArchitecture(architecture)
        .setHyperparameters(Map.of())
        .setTags(Map.of("source", "examples/" + fileName))
        .build();
    Checkpoint checkpoint = Checkpoint.newBuilder()
        .setRunId(runId)
        .setStep(0L)
        .setEpoch(null)
        .setCreatedAtMillis(now)
        .setMetrics(Map.of())
        .setWeights(InlineWeights.newBuilder()
            .setFormat(onnx ? WeightFormat.ONNX : WeightFormat.SAFETENSORS)
            .setData(ByteBuffer.wrap(weights))
            .build())
        .build();
    return new ExampleRun(input.label(), manifest, checkpoint);
  }
}
