package io.gmnstream.streamjobs.builder;

import static io.gmnstream.streamjobs.builder.TestRuns.byReference;
import static io.gmnstream.streamjobs.builder.TestRuns.inline;
import static io.gmnstream.streamjobs.builder.TestRuns.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.DeadLetter;
import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.schemas.avro.LayerStatistics;
import io.gmnstream.schemas.avro.ParamGraph;
import io.gmnstream.schemas.wire.WireFormat;
import io.gmnstream.streamjobs.blob.BlobFetchConfig;
import io.gmnstream.streamjobs.builder.JobTestHarness.Outputs;
import io.gmnstream.streamjobs.builder.JobTestHarness.Sent;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The job on a real broker, registry and Flink cluster: good checkpoints become graphs, bad input dead letters. */
class GraphBuilderJobTest {

  static final String CHECKPOINTS = Topics.CHECKPOINTS.name();
  static final String RUNS = Topics.RUNS.name();

  @TempDir Path work;

  @Test
  @Timeout(180)
  void shouldBuildEveryGoodCheckpointOnceInStepOrderAndDeadLetterEveryBadRecordOnce() throws Exception {
    Path blobs = Files.createDirectories(work.resolve("blobs"));
    try (JobTestHarness harness = JobTestHarness.start(work.resolve("flink"), 2, 1)) {
      GraphBuilderConfig config = harness.config()
          .withPendingTimeout(Duration.ofSeconds(3))
          .withLimits(GraphLimits.defaults().withMaxParameters(200))
          .withBlobs(BlobFetchConfig.defaults().withAllowedPrefixes(List.of(blobs.toUri().toString())));
      JobClient job = harness.flink.submit(config);

      Map<Sent, DeadLetterReason> bad = new LinkedHashMap<>();
      byte[] cnnBlob = TestRuns.cnnWeights();
      Files.write(blobs.resolve("cnn-b-20.safetensors"), cnnBlob);
      byte[] tampered = TestRuns.mlpWeights(0.5f, false);
      Files.write(blobs.resolve("tampered.safetensors"), tampered);

      // A checkpoint before its manifest: it waits and is built when the manifest comes.
      harness.send(CHECKPOINTS, "late-c", inline("late-c", 5, TestRuns.mlpWeights(0.5f, false)));
      harness.send(RUNS, "mlp-a", manifest("mlp-a", TestRuns.MLP_SPEC));
      harness.send(RUNS, "cnn-b", manifest("cnn-b", TestRuns.CNN_SPEC));
      harness.send(CHECKPOINTS, "mlp-a", inline("mlp-a", 1, TestRuns.mlpWeights(0.5f, false)));
      byte[] checkpointHeader = Arrays.copyOf(harness.encode(CHECKPOINTS, inline("x", 1, new byte[0])), 5);
      bad.put(harness.sendRaw(CHECKPOINTS, "mlp-a", concat(checkpointHeader, new byte[] {(byte) 0xff, 1, 2, 3})),
          DeadLetterReason.CORRUPT_RECORD);
      harness.send(CHECKPOINTS, "cnn-b", inline("cnn-b", 10, TestRuns.cnnWeights()));
      bad.put(harness.sendRaw(CHECKPOINTS, "mlp-a", concat(new byte[] {1, 0, 0, 0, 1}, new byte[] {2, 4})),
          DeadLetterReason.BAD_MAGIC_BYTE);
      harness.send(RUNS, "late-c", manifest("late-c", TestRuns.MLP_SPEC));
      harness.send(CHECKPOINTS, "mlp-a", inline("mlp-a", 2, TestRuns.mlpWeights(0.25f, false)));
      bad.put(harness.sendRaw(CHECKPOINTS, "mlp-a", concat(WireFormat.header(987_654), new byte[] {2, 4})),
          DeadLetterReason.UNKNOWN_SCHEMA_ID);
      harness.send(CHECKPOINTS, "cnn-b", byReference("cnn-b", 20, blobs.resolve("cnn-b-20.safetensors").toUri().toString(),
          cnnBlob));
      bad.put(harness.send(CHECKPOINTS, "mlp-a", byReference("mlp-a", 100,
          blobs.resolve("never-uploaded.safetensors").toUri().toString(), tampered)), DeadLetterReason.BLOB_MISSING);
      bad.put(harness.send(CHECKPOINTS, "mlp-a", byReference("mlp-a", 101,
          blobs.resolve("tampered.safetensors").toUri().toString(), TestRuns.mlpWeights(0.75f, false))),
          DeadLetterReason.BLOB_MISMATCH);
      bad.put(harness.send(CHECKPOINTS, "mlp-a", byReference("mlp-a", 102, "file:///etc/passwd", tampered)),
          DeadLetterReason.URI_NOT_ALLOWED);
      bad.put(harness.send(CHECKPOINTS, "mlp-a", byReference("mlp-a", 103, blobs.toUri() + "../../../etc/passwd",
          tampered)), DeadLetterReason.URI_NOT_ALLOWED);
      harness.send(CHECKPOINTS, "mlp-a", inline("mlp-a", 3, TestRuns.mlpWeights(0.5f, true)));
      bad.put(harness.send(CHECKPOINTS, "mlp-a", inline("mlp-a", 2, TestRuns.mlpWeights(0.5f, false))),
          DeadLetterReason.DUPLICATE);
      bad.put(harness.send(CHECKPOINTS, "mlp-a", inline("mlp-a", 104, TestRuns.mlpWeightsWithWrongShape())),
          DeadLetterReason.SHAPE_MISMATCH);
      bad.put(harness.send(CHECKPOINTS, "cnn-b", inline("cnn-b", 105, TestRuns.mlpWeights(0.5f, false))),
          DeadLetterReason.SHAPE_MISMATCH);
      harness.send(RUNS, "odd-e", manifest("odd-e", TestRuns.UNSUPPORTED_SPEC));
      bad.put(harness.send(CHECKPOINTS, "odd-e", inline("odd-e", 1, TestRuns.mlpWeights(0.5f, false))),
          DeadLetterReason.UNSUPPORTED_OPERATOR);
      harness.send(RUNS, "big-f", manifest("big-f", TestRuns.BIG_SPEC));
      bad.put(harness.send(CHECKPOINTS, "big-f", inline("big-f", 1, TestRuns.bigWeights())), DeadLetterReason.TOO_LARGE);
      // A RunManifest (registered under gmn.runs-value) on gmn.checkpoints: the wrong type for the topic.
      bad.put(harness.sendRaw(CHECKPOINTS, "mlp-a", harness.encode(RUNS, manifest("mlp-a", TestRuns.MLP_SPEC))),
          DeadLetterReason.CORRUPT_RECORD);
      bad.put(harness.sendRaw(RUNS, "bad-g", new byte[] {0, 0}), DeadLetterReason.CORRUPT_RECORD);
      bad.put(harness.send(CHECKPOINTS, null, inline("mlp-a", 106, TestRuns.mlpWeights(0.5f, false))),
          DeadLetterReason.CORRUPT_RECORD);
      bad.put(harness.send(CHECKPOINTS, "mlp-a", inline("other-run", 107, TestRuns.mlpWeights(0.5f, false))),
          DeadLetterReason.CORRUPT_RECORD);
      // Its manifest never comes: dead-lettered after the pending timeout.
      bad.put(harness.send(CHECKPOINTS, "orphan-d", inline("orphan-d", 1, TestRuns.mlpWeights(0.5f, false))),
          DeadLetterReason.MISSING_MANIFEST);

      Outputs outputs = harness.readOutputs(6, bad.size(), Duration.ofSeconds(60), Duration.ofSeconds(2));
      job.cancel().get();

      assertThat(stepsByRun(outputs.graphs())).isEqualTo(Map.of(
          "late-c", List.of(5L), "mlp-a", List.of(1L, 2L, 3L), "cnn-b", List.of(10L, 20L)));
      assertGraphContents(outputs.graphs());
      assertDeadLetters(outputs.deadLetters(), bad);
    }
  }

  private static void assertGraphContents(List<ParamGraph> graphs) {
    for (ParamGraph graph : graphs) {
      assertThat(graph.getBuilderVersion()).isEqualTo("graph-builder/1");
      assertThat(graph.getTask()).isEqualTo("digits-8x8");
      assertThat(graph.getCheckpointCreatedAtMillis().toEpochMilli()).isEqualTo(2_000 + graph.getStep());
      assertThat(graph.getMetrics()).containsEntry("train_loss", 1.0 / graph.getStep());
      assertThat(graph.getNumParameters())
          .isEqualTo(graph.getRunId().equals("cnn-b") ? TestRuns.CNN_PARAMETERS : TestRuns.MLP_PARAMETERS);
      assertThat(graph.getEdgeValue().remaining()).isEqualTo(4 * graph.getNumEdges());
    }
    ParamGraph mlp2 = graph(graphs, "mlp-a", 2);
    assertThat(mlp2.getWeightStatistics().getNanCount()).isZero();
    LayerStatistics fc1 = mlp2.getWeightStatistics().getLayers().get(0);
    assertThat(fc1.getName()).isEqualTo("fc1");
    assertThat(fc1.getL2Norm()).isCloseTo(Math.sqrt(12) * 0.25, within(1e-9));
    assertThat(fc1.getMaxAbs()).isEqualTo(0.25);
    LayerStatistics fc2 = mlp2.getWeightStatistics().getLayers().get(1);
    assertThat(fc2.getL2Norm()).isCloseTo(Math.sqrt(3), within(1e-9));
    assertThat(fc2.getDeadUnitFraction()).isEqualTo(0.5);
    // A NaN weight is recorded, not refused: the graph is built.
    ParamGraph mlp3 = graph(graphs, "mlp-a", 3);
    assertThat(mlp3.getWeightStatistics().getNanCount()).isEqualTo(1);
    assertThat(mlp3.getWeightStatistics().getLayers().get(0).getL2Norm()).isCloseTo(Math.sqrt(11) * 0.5, within(1e-9));
    ParamGraph cnnByReference = graph(graphs, "cnn-b", 20);
    assertThat(cnnByReference.getWeightStatistics().getLayers()).extracting(LayerStatistics::getName)
        .containsExactly("c1", "fc");
    assertThat(cnnByReference.getWeightStatistics().getLayers().get(0).getL2Norm()).isCloseTo(Math.sqrt(18), within(1e-9));
  }

  private static void assertDeadLetters(List<DeadLetter> letters, Map<Sent, DeadLetterReason> bad) {
    assertThat(letters).hasSize(bad.size());
    for (Map.Entry<Sent, DeadLetterReason> expected : bad.entrySet()) {
      Sent sent = expected.getKey();
      List<DeadLetter> matching = letters.stream()
          .filter(l -> l.getSourceTopic().equals(sent.topic()) && l.getSourcePartition() == sent.partition()
              && l.getSourceOffset() == sent.offset())
          .toList();
      assertThat(matching).as("dead letters of %s-%d@%d", sent.topic(), sent.partition(), sent.offset()).hasSize(1);
      DeadLetter letter = matching.get(0);
      assertThat(letter.getReason()).as(letter.getDetail()).isEqualTo(expected.getValue());
      assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(sent.value()));
      assertThat(letter.getKey()).isEqualTo(sent.key() == null ? null : ByteBuffer.wrap(sent.key()));
      assertThat(letter.getComponent()).isEqualTo("graph-builder");
      assertThat(letter.getDetail()).isNotBlank();
      if (letter.getReason() == DeadLetterReason.MISSING_MANIFEST) {
        assertThat(letter.getDetail()).contains("pending timeout of PT3S");
      }
    }
  }

  private static Map<String, List<Long>> stepsByRun(List<ParamGraph> graphs) {
    return graphs.stream().collect(Collectors.groupingBy(ParamGraph::getRunId, LinkedHashMap::new,
        Collectors.mapping(ParamGraph::getStep, Collectors.toCollection(ArrayList::new))));
  }

  private static ParamGraph graph(List<ParamGraph> graphs, String runId, long step) {
    return graphs.stream().filter(g -> g.getRunId().equals(runId) && g.getStep() == step).findFirst().orElseThrow();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
