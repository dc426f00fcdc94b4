package io.gmnstream.streamjobs.flink;

import io.gmnstream.streamjobs.builder.GraphBuilderConfig;
import io.gmnstream.streamjobs.builder.GraphBuilderJob;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.BlobServerOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Flink cluster (one task manager) for the demo and the tests. Every socket binds to
 * 127.0.0.1 and every file Flink writes (temp files, blobs, checkpoints) lies under the work dir.
 * Jobs restart from their last checkpoint after a failure (fixed delay, practically unlimited attempts).
 */
public final class EmbeddedFlink implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFlink.class);
  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration RESTART_DELAY = Duration.ofMillis(500);
  private static final int RESTART_ATTEMPTS = 1_000;
  private static final long CALL_TIMEOUT_SECONDS = 60;

  private final MiniCluster cluster;
  private final Configuration configuration;
  private final List<JobID> submitted = new ArrayList<>();
  /** MiniCluster keeps terminated task managers in its list: the live one is the last started. */
  private int liveTaskManagerIndex;

  private EmbeddedFlink(MiniCluster cluster, Configuration configuration) {
    this.cluster = cluster;
    this.configuration = configuration;
  }

  /** Starts a cluster with one task manager of {@code taskSlots} slots, its files under {@code workDir}. */
  public static EmbeddedFlink start(Path workDir, int taskSlots) throws Exception {
    Objects.requireNonNull(workDir, "workDir");
    if (taskSlots < 1) {
      throw new IllegalArgumentException("taskSlots must be >= 1, got " + taskSlots);
    }
    Configuration configuration = configuration(workDir.toAbsolutePath());
    MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
        .setConfiguration(configuration)
        .setNumTaskManagers(1)
        .setNumSlotsPerTaskManager(taskSlots)
        .build());
    try {
      cluster.start();
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
    return new EmbeddedFlink(cluster, configuration);
  }

  /** Submits the graph-builder job and returns once the cluster has accepted it. */
  public synchronized JobClient submit(GraphBuilderConfig config) throws Exception {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment(configuration);
    GraphBuilderJob.define(env, config);
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName(GraphBuilderJob.NAME);
    JobID jobId = cluster.submitJob(graph).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS).getJobID();
    submitted.add(jobId);
    return new MiniClusterJobClient(jobId, cluster, getClass().getClassLoader(),
        MiniClusterJobClient.JobFinalizationBehavior.NOTHING);
  }

  /**
   * Kills the task manager running the jobs and starts a fresh one: a real task failure, after which
   * every running job restarts from its last completed checkpoint.
   */
  public synchronized void failTaskManager() throws Exception {
    cluster.terminateTaskManager(liveTaskManagerIndex).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    cluster.startTaskManager();
    liveTaskManagerIndex++;
  }

  /** The REST endpoint (on 127.0.0.1). */
  public URI restAddress() throws Exception {
    return cluster.getRestAddress().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** The status of a job submitted here. */
  public JobStatus jobStatus(JobID jobId) throws Exception {
    return cluster.getJobStatus(jobId).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** Cancels the jobs still running and stops the cluster. */
  @Override
  public synchronized void close() {
    for (JobID jobId : submitted) {
      try {
        if (!cluster.getJobStatus(jobId).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS).isGloballyTerminalState()) {
          cluster.cancelJob(jobId).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
      } catch (Exception e) {
        // Stopping the cluster ends the job anyway; say why it was not cancelled cleanly.
        LOG.warn("Could not cancel job {} before stopping the cluster", jobId, e);
      }
    }
    try {
      cluster.closeAsync().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the Flink MiniCluster", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the Flink MiniCluster did not stop cleanly within "
          + CALL_TIMEOUT_SECONDS + " s", e);
    }
  }

  private static Configuration configuration(Path workDir) throws IOException {
    Configuration c = new Configuration();
    c.set(RestOptions.BIND_ADDRESS, LOOPBACK);
    c.set(RestOptions.ADDRESS, LOOPBACK);
    c.set(RestOptions.BIND_PORT, "0");
    c.set(JobManagerOptions.ADDRESS, LOOPBACK);
    c.set(JobManagerOptions.BIND_HOST, LOOPBACK);
    c.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
    c.set(TaskManagerOptions.HOST, LOOPBACK);
    c.set(CoreOptions.TMP_DIRS, directory(workDir.resolve("tmp")).toString());
    c.set(BlobServerOptions.STORAGE_DIRECTORY, directory(workDir.resolve("blobs")).toString());
    c.set(WebOptions.TMP_DIR, directory(workDir.resolve("web")).toString());
    // Checkpoints on disk: pending checkpoints in state can exceed the JobManager's in-memory limit.
    c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, directory(workDir.resolve("checkpoints")).toUri().toString());
    c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, RESTART_ATTEMPTS);
    c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, RESTART_DELAY);
    return c;
  }

  private static Path directory(Path dir) throws IOException {
    return Files.createDirectories(dir);
  }
}
