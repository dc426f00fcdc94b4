package io.gmnstream.pipeline.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmnstream.pipeline.LocalPipeline;
import io.gmnstream.pipeline.LocalPipelineOptions;
import io.gmnstream.pipeline.observe.OutputTally;
import io.gmnstream.pipeline.observe.OutputWatcher;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.RunOutcome;
import io.gmnstream.schemas.avro.RunStatus;
import io.gmnstream.schemas.serde.AvroDeserializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python publisher (clients/python) against the real embedded pipeline: its unit tests pass, and
 * the digits example, run as a training job would be, publishes checkpoints that are all scored, once
 * each, with no dead letters; both inline weights with a native layer spec and referenced weights
 * with an ONNX architecture.
 *
 * <p>Needs python3 with Debian's python3-torch, python3-confluent-kafka and python3-avro. Without
 * them the test is skipped, except on CI ({@code CI=true}), where {@code .ci/run} installs them and
 * their absence is a failure.
 */
class PythonPublisherTest {

  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final Path MODEL = REPO.resolve("models").resolve("digits-gmn");
  static final Path EXAMPLE = REPO.resolve("clients/python/examples/train_digits.py");
  static final String MODULES = "torch, confluent_kafka, avro";
  static final String PACKAGES = "python3-torch python3-confluent-kafka python3-avro";
  static final String SUMMARY_PREFIX = "GMN_PUBLISHED ";

  static String python;

  @TempDir Path work;

  @BeforeAll
  static void findPython() throws Exception {
    Optional<String> found = pythonWithModules();
    String hint = "python3 with " + MODULES + " is needed: apt-get install " + PACKAGES
        + " (or point GMN_PYTHON at such an interpreter)";
    if ("true".equals(System.getenv("CI"))) {
      Assertions.assertTrue(found.isPresent(), hint + "; .ci/run installs these Debian packages");
    }
    Assumptions.assumeTrue(found.isPresent(), hint);
    python = found.get();
  }

  @Test
  @Timeout(180)
  void pythonUnitTestsPass() throws Exception {
    Result result = run(List.of(python, "-m", "unittest", "discover", "-v", "clients/python/tests"),
        work.resolve("unittest.log"), Duration.ofSeconds(150));
    assertThat(result.exitCode()).as("python unit tests, output:%n%s", result.output()).isZero();
  }

  @Test
  @Timeout(300)
  void everyCheckpointTheDigitsExamplePublishesIsScoredOnce() throws Exception {
    LocalPipelineOptions options = LocalPipelineOptions.defaults(work, MODEL);
    try (LocalPipeline pipeline = LocalPipeline.start(options);
        OutputWatcher output = pipeline.watchOutput()) {
      String bootstrap = pipeline.stack().broker().bootstrapServers();
      String registry = pipeline.stack().registryUrl().toString();

      // 23 steps per epoch: checkpoints at 10, 20, ..., 60 and the last step 69, all inline.
      JsonNode inline = example(bootstrap, registry, "py-spec-inline", "--epochs", "3", "--every", "10");
      // A 1 KiB inline limit sends each ~10 KB checkpoint to the blob dir by reference.
      JsonNode referenced = example(bootstrap, registry, "py-onnx-referenced", "--epochs", "2", "--every", "10",
          "--architecture", "onnx", "--inline-limit", "1024", "--blob-dir", options.blobDir().toString());

      assertThat(inline.get("checkpoints").asInt()).isEqualTo(7);
      assertThat(inline.get("byReference").asInt()).isZero();
      assertThat(referenced.get("checkpoints").asInt()).isEqualTo(5);
      assertThat(referenced.get("byReference").asInt()).isEqualTo(5);
      int published = 12;

      OutputTally.Snapshot done = output.await(s -> s.uniqueScores() >= published || s.deadLetters() > 0,
          Duration.ofSeconds(120));
      Thread.sleep(2_000); // a score counted twice would arrive within a few transactions
      OutputTally.Snapshot settled = output.snapshot();

      assertThat(output.tally().firstDeadLetters()).isEmpty();
      assertThat(settled.deadLetters()).isZero();
      assertThat(done.uniqueScores()).isEqualTo(published);
      assertThat(settled.scores()).isEqualTo(published);
      assertThat(settled.duplicates()).isZero();
      assertThat(settled.outOfOrder()).isZero();
      for (JsonNode run : List.of(inline, referenced)) {
        for (JsonNode step : run.get("steps")) {
          assertThat(output.tally().wasScored(run.get("runId").asText(), step.asLong()))
              .as("run %s step %s scored", run.get("runId").asText(), step.asLong()).isTrue();
        }
      }
      try (Stream<Path> blobs = Files.list(options.blobDir())) {
        assertThat(blobs.filter(p -> p.toString().endsWith(".safetensors")).count()).isEqualTo(5);
      }
      assertOutcomes(pipeline, Map.of("py-spec-inline", inline, "py-onnx-referenced", referenced));
    }
  }

  /** Runs the example against the pipeline and returns its summary line. */
  private JsonNode example(String bootstrap, String registry, String runId, String... extra) throws Exception {
    List<String> command = new ArrayList<>(List.of(python, EXAMPLE.toString(), "--bootstrap", bootstrap,
        "--registry", registry, "--run-id", runId));
    command.addAll(List.of(extra));
    Result result = run(command, work.resolve(runId + ".log"), Duration.ofSeconds(120));
    assertThat(result.exitCode()).as("%s exit code, output:%n%s", runId, result.output()).isZero();
    String summary = result.output().lines().filter(l -> l.startsWith(SUMMARY_PREFIX)).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError(runId + " printed no summary line:\n" + result.output()));
    return new ObjectMapper().readTree(summary.substring(SUMMARY_PREFIX.length()));
  }

  /** The outcomes Python wrote decode with the Java schema and carry the measured accuracy. */
  private static void assertOutcomes(LocalPipeline pipeline, Map<String, JsonNode> runs) {
    Map<String, Object> config = pipeline.stack().broker().consumerConfig("python-outcomes");
    Map<String, RunOutcome> outcomes = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
            new ByteArrayDeserializer());
        AvroDeserializer<RunOutcome> decoder =
            new AvroDeserializer<>(RunOutcome.class, pipeline.stack().registryClient())) {
      consumer.subscribe(List.of(Topics.RUN_OUTCOMES.name()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (outcomes.size() < runs.size() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          outcomes.put(record.key(), decoder.deserialize(record.topic(), record.value()));
        }
      }
    }
    assertThat(outcomes).containsOnlyKeys(runs.keySet());
    runs.forEach((runId, summary) -> {
      RunOutcome outcome = outcomes.get(runId);
      assertThat(outcome.getStatus()).isEqualTo(RunStatus.COMPLETED);
      assertThat(outcome.getFinalStep()).isEqualTo(summary.get("finalStep").asLong());
      assertThat(outcome.getFinalTestAccuracy()).isEqualTo(summary.get("testAccuracy").asDouble());
      assertThat(outcome.getFinalTestAccuracy()).isGreaterThan(0.5);
    });
  }

  record Result(int exitCode, String output) {}

  /** Runs a command in the repository root, its output in {@code log} and on stdout; kills it past the timeout. */
  private static Result run(List<String> command, Path log, Duration timeout) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("PYTHONUNBUFFERED", "1");
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Process process = builder.start();
    boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println("$ " + String.join(" ", command) + "\n" + output);
    if (!finished) {
      throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command) + "\n" + output);
    }
    return new Result(process.exitValue(), output);
  }

  /** GMN_PYTHON, python3 on the PATH or Debian's /usr/bin/python3: the first that imports the modules. */
  private static Optional<String> pythonWithModules() throws InterruptedException {
    List<String> candidates = new ArrayList<>();
    Optional.ofNullable(System.getenv("GMN_PYTHON")).filter(s -> !s.isBlank()).ifPresent(candidates::add);
    candidates.add("python3");
    candidates.add("/usr/bin/python3");
    for (String candidate : candidates) {
      try {
        Process probe = new ProcessBuilder(candidate, "-c", "import " + MODULES).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0) {
          return Optional.of(candidate);
        }
        probe.destroyForcibly();
      } catch (IOException notInstalled) {
        // try the next candidate
      }
    }
    return Optional.empty();
  }
}
