package io.gmnstream.launcher.demo;

import io.gmnstream.launcher.GmnHome;
import io.gmnstream.pipeline.LocalPipeline;
import io.gmnstream.pipeline.LocalPipelineOptions;
import io.gmnstream.pipeline.WorkDir;
import io.gmnstream.pipeline.observe.OutputWatcher;
import io.gmnstream.pipeline.replay.BadInput;
import io.gmnstream.pipeline.replay.BadInputs;
import io.gmnstream.pipeline.replay.CheckpointPublisher;
import io.gmnstream.pipeline.replay.RecordedRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gmn-stream demo}: the whole service on this machine. Starts the embedded broker, schema
 * registry, the graph-builder job on a Flink mini-cluster, the GMN scorer and the run monitor with
 * its dashboard; replays real training
 * runs (trained here on the digits, or a zoo folder) as live jobs publishing checkpoints, plus one
 * misconfigured job's bad records; prints a live line and, at the end or on Ctrl-C, a final summary.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Runs the whole pipeline on this machine on replayed training runs and shows it live.")
public final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "60",
      description = "stop after this long and print the final summary; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE})")
  int durationSeconds;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "12",
      description = "digits runs to train for the replay when no --zoo is given (default: ${DEFAULT-VALUE})")
  int runs;

  @Option(names = "--zoo", paramLabel = "DIR", description = "replay the runs of this zoo folder instead")
  Path zoo;

  @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "10",
      description = "checkpoints published per second, over all jobs (default: ${DEFAULT-VALUE})")
  double rate;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8081",
      description = "port of the scorer's /healthz and /metrics; 0 picks a free one (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--dashboard-port", paramLabel = "PORT", defaultValue = "8080",
      description = "port of the run monitor's dashboard on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE})")
  int dashboardPort;

  @Option(names = "--model", paramLabel = "DIR", description = "GMN model folder (default: models/digits-gmn)")
  Path model;

  @Option(names = "--no-bad-input", description = "do not publish the misconfigured job's bad records")
  boolean noBadInput;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path home = GmnHome.resolve();
    List<RecordedRun> recorded = zoo != null ? DemoRuns.fromZoo(zoo) : DemoRuns.trainLive(home, runs, out);
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    Thread onCtrlC = new Thread(() -> {
      stop.countDown();
      awaitQuietly(finished);
    }, "gmn-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    try (WorkDir work = WorkDir.create("gmn-demo")) {
      return runPipeline(out, recorded, work.path(), stop);
    } finally {
      finished.countDown();
      removeHook(onCtrlC);
    }
  }

  private int runPipeline(PrintWriter out, List<RecordedRun> recorded, Path work, CountDownLatch stop)
      throws Exception {
    Path modelDir = model != null ? model : GmnHome.defaultModel();
    LocalPipelineOptions options = LocalPipelineOptions.defaults(work, modelDir).withOperatorHttpPort(port)
        .withDashboardPort(dashboardPort);
    out.println("Starting the pipeline: Kafka broker (KRaft), schema registry, Flink mini-cluster, GMN scorer, "
        + "run monitor...");
    out.flush();
    try (LocalPipeline pipeline = LocalPipeline.start(options);
        OutputWatcher output = pipeline.watchOutput();
        CheckpointPublisher publisher = pipeline.publisher();
        DemoReplay replay = new DemoReplay(publisher, recorded, rate)) {
      printEndpoints(out, pipeline);
      long started = System.nanoTime();
      replay.start();
      if (!noBadInput) {
        publishBadInput(pipeline, publisher, out);
      }
      long deadline = durationSeconds > 0 ? started + TimeUnit.SECONDS.toNanos(durationSeconds) : Long.MAX_VALUE;
      while (System.nanoTime() < deadline && replay.failure() == null) {
        if (stop.await(2, TimeUnit.SECONDS)) {
          break;
        }
        out.println(DemoSummary.liveLine(seconds(started), replay.runsStarted(), replay.checkpointsPublished(),
            output.snapshot()));
        out.flush();
      }
      replay.close();
      out.println("Stopping: waiting up to 10 s for the last checkpoints to be scored...");
      out.flush();
      long published = replay.checkpointsPublished();
      awaitScored(output, published);
      DemoSummary.printFinal(out, seconds(started), replay.runsStarted(), published, output.tally(), recorded);
      if (replay.failure() != null) {
        throw replay.failure();
      }
      return 0;
    }
  }

  private static void printEndpoints(PrintWriter out, LocalPipeline pipeline) {
    out.printf(Locale.ROOT, "  broker     %s%n", pipeline.stack().broker().bootstrapServers());
    out.printf(Locale.ROOT, "  registry   %s%n", pipeline.stack().registryUrl());
    out.printf(Locale.ROOT, "  scorer     %s%n", pipeline.operator().device());
    pipeline.operator().httpPort().ifPresent(p -> out.printf(Locale.ROOT,
        "  metrics    http://127.0.0.1:%d/metrics   health http://127.0.0.1:%d/healthz%n", p, p));
    pipeline.monitor().ifPresent(m -> out.printf(Locale.ROOT, "  dashboard  %s   (runs, charts and alerts, live)%n",
        m.dashboardUrl()));
    out.println();
    out.flush();
  }

  private static void publishBadInput(LocalPipeline pipeline, CheckpointPublisher publisher, PrintWriter out)
      throws IOException, InterruptedException {
    List<BadInput> bad = new BadInputs(pipeline.stack().registryClient(), pipeline.options().blobDir())
        .oneOfEach("misconfigured-job", pipeline.options().maxParameters());
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    bad.forEach(input -> sends.addAll(BadInputs.publish(publisher, input)));
    CheckpointPublisher.awaitAll(sends);
    out.printf(Locale.ROOT, "A misconfigured job also sends %d bad records (%s): each must become a dead letter.%n%n",
        bad.size(), String.join(", ", bad.stream().map(BadInput::kind).toList()));
  }

  /** Gives the pipeline a moment to score what was published before the summary is taken. */
  private static void awaitScored(OutputWatcher output, long published) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (output.snapshot().uniqueScores() < published && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private static void awaitQuietly(CountDownLatch finished) {
    try {
      finished.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C: the JVM is already running the hook, which is what lets this summary print.
    }
  }
}
