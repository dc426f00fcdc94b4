package io.gmnstream.pipeline;

import io.gmnstream.operator.score.BatchBounds;
import io.gmnstream.streamjobs.hooks.WebhookEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the one-machine pipeline is set up. Everything not here takes the production defaults of the
 * graph builder and the scoring service.
 *
 * @param workDir where the broker, Flink and blobs keep their files
 * @param modelDir the GMN the scoring service loads (and watches for new versions)
 * @param partitions partitions of every gmn topic
 * @param checkpointInterval Flink checkpoint interval: graphs become readable when a checkpoint completes
 * @param batch the scorer's micro-batch bounds
 * @param maxBatchWait how long the scorer waits to fill a micro-batch
 * @param operatorHttpPort port of the scoring service's /healthz and /metrics (0: any free port, -1: none)
 * @param allowedBlobPrefixes URI prefixes the graph builder may fetch referenced weights from
 * @param maxParameters largest checkpoint (in parameters) built and scored; larger ones are dead-lettered
 * @param dashboardPort port of the run monitor's dashboard (0: any free port, -1: no run monitor at all)
 * @param webhooks where the alert hooks deliver the monitor's alerts (none: no alert hooks)
 * @param scoringThreads models the scorer runs side by side, each on one PyTorch thread unless
 *     {@code ai.djl.pytorch.num_threads} says otherwise
 */
public record LocalPipelineOptions(Path workDir, Path modelDir, int partitions, Duration checkpointInterval,
    BatchBounds batch, Duration maxBatchWait, int operatorHttpPort, List<String> allowedBlobPrefixes,
    long maxParameters, int dashboardPort, List<WebhookEndpoint> webhooks, int scoringThreads) {

  public LocalPipelineOptions {
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(modelDir, "modelDir");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(maxBatchWait, "maxBatchWait");
    allowedBlobPrefixes = List.copyOf(allowedBlobPrefixes);
    webhooks = List.copyOf(webhooks);
    if (scoringThreads < 1) {
      throw new IllegalArgumentException("scoringThreads must be at least 1, got " + scoringThreads);
    }
    if (!webhooks.isEmpty() && dashboardPort < 0) {
      throw new IllegalArgumentException("webhooks deliver the run monitor's alerts: give the monitor a dashboardPort");
    }
  }

  /**
   * Micro-batches of at most 16 graphs: on the CPU, 16 small graphs per forward pass score twice as
   * fast per graph as 64 (docs/BENCHMARKS.md, "GMN scoring").
   */
  public static final BatchBounds CPU_BATCH = BatchBounds.DEFAULT.withMaxGraphs(16);

  /**
   * Four partitions, 200 ms checkpoints, CPU batches, no HTTP port, blobs only under {@code workDir/blobs},
   * no run monitor.
   */
  public static LocalPipelineOptions defaults(Path workDir, Path modelDir) {
    return new LocalPipelineOptions(workDir, modelDir, 4, Duration.ofMillis(200), CPU_BATCH,
        Duration.ofMillis(20), -1, List.of(blobDir(workDir).toUri().toString()), PipelineTopics.MAX_PARAMETERS, -1,
        List.of(), defaultScoringThreads());
  }

  /**
   * One scoring thread per core, up to 4: on the CPU, side-by-side single-threaded passes score
   * more graphs per second than one pass on every core (docs/BENCHMARKS.md, "GMN scoring").
   */
  static int defaultScoringThreads() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  public LocalPipelineOptions withScoringThreads(int value) {
    return new LocalPipelineOptions(workDir, modelDir, partitions, checkpointInterval, batch, maxBatchWait,
        operatorHttpPort, allowedBlobPrefixes, maxParameters, dashboardPort, webhooks, value);
  }

  private static Path blobDir(Path workDir) {
    return workDir.toAbsolutePath().resolve("blobs");
  }

  /** Where a local training job may put weights it publishes by reference. */
  public Path blobDir() {
    return blobDir(workDir);
  }

  public LocalPipelineOptions withCheckpointInterval(Duration value) {
    return new LocalPipelineOptions(workDir, modelDir, partitions, value, batch, maxBatchWait, operatorHttpPort,
        allowedBlobPrefixes, maxParameters, dashboardPort, webhooks, scoringThreads);
  }

  public LocalPipelineOptions withBatch(BatchBounds value) {
    return new LocalPipelineOptions(workDir, modelDir, partitions, checkpointInterval, value, maxBatchWait,
        operatorHttpPort, allowedBlobPrefixes, maxParameters, dashboardPort, webhooks, scoringThreads);
  }

  public LocalPipelineOptions withOperatorHttpPort(int value) {
    return new LocalPipelineOptions(workDir, modelDir, partitions, checkpointInterval, batch, maxBatchWait, value,
        allowedBlobPrefixes, maxParameters, dashboardPort, webhooks, scoringThreads);
  }

  public LocalPipelineOptions withMaxParameters(long value) {
    return new LocalPipelineOptions(workDir, modelDir, partitions, checkpointInterval, batch, maxBatchWait,
        operatorHttpPort, allowedBlobPrefixes, value, dashboardPort, webhooks, scoringThreads);
  }

  /** Runs the run monitor with its dashboard on this port (0: any free one). */
  public LocalPipelineOptions withDashboardPort(int value) {
    return new LocalPipelineOptions(workDir, modelDir, partitions, checkpointInterval, batch, maxBatchWait,
        operatorHttpPort, allowedBlobPrefixes, maxParameters, value, webhooks, scoringThreads);
  }

  public LocalPipelineOptions withWebhooks(List<WebhookEndpoint> value) {
    return new LocalPipelineOptions(workDir, modelDir, partitions, checkpointInterval, batch, maxBatchWait,
        operatorHttpPort, allowedBlobPrefixes, maxParameters, dashboardPort, value, scoringThreads);
  }

  /** Whether the pipeline runs the run monitor and its dashboard. */
  public boolean monitorEnabled() {
    return dashboardPort >= 0;
  }
}
