package io.gmnstream.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmnstream.launcher.BadInputException;
import io.gmnstream.launcher.GmnHome;
import io.gmnstream.pipeline.LocalPipeline;
import io.gmnstream.pipeline.LocalPipelineOptions;
import io.gmnstream.pipeline.WorkDir;
import io.gmnstream.pipeline.bench.PipelineBench;
import io.gmnstream.pipeline.replay.SyntheticRuns;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gmn-stream bench pipeline}: the embedded pipeline end to end (broker, registry, Flink
 * graph-builder, GMN scorer, exactly-once on both hops), fed synthetic CNN checkpoints with bad
 * records mixed in; reports what came out and how fast, as a downstream read_committed consumer sees it.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = {"Runs the embedded pipeline on N checkpoints (+ K bad records) and measures throughput and "
        + "publish-to-score latency. With --json, one JSON object as the last line."})
public final class PipelineBenchCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(names = "--checkpoints", paramLabel = "N", defaultValue = "1000",
      description = "good checkpoints to publish (default: ${DEFAULT-VALUE})")
  int checkpoints;

  @Option(names = "--bad", paramLabel = "K", defaultValue = "0",
      description = "bad records mixed in, one kind after another (default: ${DEFAULT-VALUE})")
  int bad;

  @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "0",
      description = "publishing rate; 0 = as fast as possible, for throughput (default: ${DEFAULT-VALUE})")
  double rate;

  @Option(names = "--parameters", paramLabel = "P", defaultValue = "5130",
      description = "parameters per checkpoint, rounded to the nearest CNN width (default: ${DEFAULT-VALUE}, a small digits CNN)")
  long parameters;

  @Option(names = "--checkpoints-per-run", paramLabel = "N", defaultValue = "10",
      description = "checkpoints of each run (default: ${DEFAULT-VALUE})")
  int checkpointsPerRun;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "2000",
      description = "checkpoints scored before measuring, so that the JIT has compiled the broker's, Flink's "
          + "and the scorer's hot paths: sustained throughput (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--checkpoint-interval", paramLabel = "MS", defaultValue = "200",
      description = "Flink checkpoint interval: graphs are committed this often (default: ${DEFAULT-VALUE})")
  long checkpointIntervalMs;

  @Option(names = "--batch-graphs", paramLabel = "N", defaultValue = "16",
      description = "most graphs per scoring pass (default: ${DEFAULT-VALUE})")
  int batchGraphs;

  @Option(names = "--scoring-threads", paramLabel = "N",
      description = "models scoring side by side, one PyTorch thread each (default: one per core, up to 4)")
  Integer scoringThreads;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
      description = "longest wait for the output (default: ${DEFAULT-VALUE})")
  long timeoutSeconds;

  @Option(names = "--model", paramLabel = "DIR", description = "GMN model folder (default: models/digits-gmn)")
  Path model;

  @Option(names = "--json", description = "print one JSON object with the figures as the last line")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PipelineBench.Settings settings = settings();
    PrintWriter out = spec.commandLine().getOut();
    Path modelDir = model != null ? model : GmnHome.defaultModel();
    try (WorkDir work = WorkDir.create("gmn-bench-pipeline")) {
      LocalPipelineOptions options = LocalPipelineOptions.defaults(work.path(), modelDir)
          .withCheckpointInterval(Duration.ofMillis(checkpointIntervalMs))
          .withBatch(LocalPipelineOptions.CPU_BATCH.withMaxGraphs(batchGraphs));
      if (scoringThreads != null) {
        options = options.withScoringThreads(scoringThreads);
      }
      out.printf(Locale.ROOT, "bench pipeline: %d checkpoints of %,d parameters + %d bad records, rate %s, "
              + "Flink checkpoints every %d ms, %d CPUs%n", checkpoints, SyntheticRuns.parameters(settings.width()),
          bad, rate > 0 ? rate + "/s" : "max", checkpointIntervalMs, Runtime.getRuntime().availableProcessors());
      out.flush();
      PipelineBench.Result result;
      try (LocalPipeline pipeline = LocalPipeline.start(options)) {
        result = new PipelineBench(pipeline).run(settings);
      }
      out.printf(Locale.ROOT, "published %d, scored %d, dead-lettered %d, duplicates %d%n", result.published(),
          result.scored(), result.deadLettered(), result.duplicates());
      out.printf(Locale.ROOT, "throughput %.1f checkpoints/s, publish-to-score latency p50 %.0f ms, p99 %.0f ms, "
          + "scored on %s%n", result.throughputPerSec(), result.latencyP50Ms(), result.latencyP99Ms(), result.device());
      if (json) {
        out.println(toJson(result));
      }
      out.flush();
      return result.duplicates() == 0 && result.scored() == result.published() ? 0 : 1;
    }
  }

  private PipelineBench.Settings settings() {
    if (parameters < SyntheticRuns.parameters(1)) {
      throw new BadInputException("--parameters must be at least " + SyntheticRuns.parameters(1));
    }
    int width = SyntheticRuns.widthFor(parameters);
    try {
      return new PipelineBench.Settings(checkpoints, bad, rate, width, checkpointsPerRun, warmup,
          Duration.ofSeconds(timeoutSeconds));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  static String toJson(PipelineBench.Result r) {
    ObjectNode node = JSON.createObjectNode();
    node.put("published", r.published());
    node.put("scored", r.scored());
    node.put("deadLettered", r.deadLettered());
    node.put("duplicates", r.duplicates());
    node.put("throughputPerSec", round(r.throughputPerSec()));
    node.put("latencyP50Ms", round(r.latencyP50Ms()));
    node.put("latencyP99Ms", round(r.latencyP99Ms()));
    node.put("parametersPerCheckpoint", r.parametersPerCheckpoint());
    node.put("device", r.device());
    return node.toString();
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
