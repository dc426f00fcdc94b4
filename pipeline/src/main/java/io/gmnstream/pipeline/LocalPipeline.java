package io.gmnstream.pipeline;

import io.gmnstream.operator.service.ScoringService;
import io.gmnstream.operator.service.ScoringServiceConfig;
import io.gmnstream.pipeline.observe.OutputWatcher;
import io.gmnstream.pipeline.replay.CheckpointPublisher;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import io.gmnstream.streamjobs.builder.GraphBuilderConfig;
import io.gmnstream.streamjobs.flink.EmbeddedFlink;
import io.gmnstream.streamjobs.hooks.AlertHooksConfig;
import io.gmnstream.streamjobs.monitor.service.MonitorService;
import io.gmnstream.streamjobs.monitor.service.MonitorServiceConfig;
import io.gmnstream.streamjobs.monitor.web.DashboardConfig;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The whole service on one machine: the embedded broker and registry ({@link LocalStack}), the
 * graph-builder job on a Flink mini-cluster, the GMN scoring service and, when asked for, the run
 * monitor with its dashboard and alert hooks, wired with the same
 * configuration types production uses. Also hands out a publisher (the training jobs' side) and an
 * output watcher (the downstream consumers' side).
 */
public final class LocalPipeline implements AutoCloseable {

  private final LocalPipelineOptions options;
  private final LocalStack stack;
  private final EmbeddedFlink flink;
  private final MonitorService monitor;
  private ScoringService operator;

  private LocalPipeline(LocalPipelineOptions options, LocalStack stack, EmbeddedFlink flink,
      ScoringService operator, MonitorService monitor) {
    this.options = options;
    this.stack = stack;
    this.flink = flink;
    this.operator = operator;
    this.monitor = monitor;
  }

  /** Starts everything; stops what did start if a later part fails. */
  public static LocalPipeline start(LocalPipelineOptions options) throws Exception {
    Files.createDirectories(options.blobDir());
    LocalStack stack = LocalStack.start(options.partitions());
    EmbeddedFlink flink = null;
    ScoringService operator = null;
    try {
      flink = EmbeddedFlink.start(options.workDir().resolve("flink"), 1);
      // EmbeddedFlink cancels the job when it closes.
      flink.submit(graphBuilderConfig(options, stack));
      operator = ScoringService.start(scoringConfig(options, stack));
      MonitorService monitor = options.monitorEnabled() ? MonitorService.start(monitorConfig(options, stack)) : null;
      return new LocalPipeline(options, stack, flink, operator, monitor);
    } catch (Exception e) {
      Closeables.closeAll(e, operator, flink, stack);
      throw e;
    }
  }

  static GraphBuilderConfig graphBuilderConfig(LocalPipelineOptions options, LocalStack stack) {
    GraphBuilderConfig defaults = GraphBuilderConfig.defaults(stack.broker().bootstrapServers(),
        RegistryClientConfig.of(stack.registryUrl()));
    return defaults
        .withCheckpointInterval(options.checkpointInterval())
        .withBlobs(defaults.blobs().withAllowedPrefixes(options.allowedBlobPrefixes()))
        .withLimits(defaults.limits().withMaxParameters(options.maxParameters()));
  }

  static ScoringServiceConfig scoringConfig(LocalPipelineOptions options, LocalStack stack) {
    ScoringServiceConfig config = ScoringServiceConfig.defaults(stack.broker().bootstrapServers(),
            RegistryClientConfig.of(stack.registryUrl()), options.modelDir())
        .withBatch(options.batch())
        .withMaxBatchWait(options.maxBatchWait())
        .withHttpPort(options.operatorHttpPort())
        .withHttpBindAddress("127.0.0.1")
        .withScoringThreads(options.scoringThreads());
    return config.withDjl(config.djl().sharedBy(options.scoringThreads()));
  }

  static MonitorServiceConfig monitorConfig(LocalPipelineOptions options, LocalStack stack) {
    RegistryClientConfig registry = RegistryClientConfig.of(stack.registryUrl());
    String bootstrap = stack.broker().bootstrapServers();
    MonitorServiceConfig config = MonitorServiceConfig.defaults(bootstrap, registry,
            options.workDir().resolve("monitor-state"))
        .withDashboard(DashboardConfig.defaults().withPort(options.dashboardPort()));
    // One instance: a standby replica would have no other instance to live on.
    config = config.withMonitor(config.monitor().withStandbyReplicas(0));
    if (!options.webhooks().isEmpty()) {
      config = config.withHooks(AlertHooksConfig.defaults(bootstrap, registry, options.webhooks()));
    }
    return config;
  }

  public LocalPipelineOptions options() {
    return options;
  }

  public LocalStack stack() {
    return stack;
  }

  public EmbeddedFlink flink() {
    return flink;
  }

  /** The run monitor and its dashboard, when the options asked for them. */
  public Optional<MonitorService> monitor() {
    return Optional.ofNullable(monitor);
  }

  public synchronized ScoringService operator() {
    return operator;
  }

  /**
   * Stops the scoring service and starts a new one with the same group and transactional id, as a
   * rolling restart does. (A crash, with no chance to commit or abort, is proved in gmn-operator's
   * CrashRecoveryTest with a real process kill.)
   */
  public synchronized void restartOperator() {
    operator.close();
    operator = ScoringService.start(scoringConfig(options, stack));
  }

  /** A publisher for training-job records; the caller closes it. */
  public CheckpointPublisher publisher() {
    return new CheckpointPublisher(stack.broker().producerConfig(), stack.registryClient(), Clock.systemUTC());
  }

  /** A read_committed watcher of scores and dead letters from the beginning; the caller closes it. */
  public OutputWatcher watchOutput() {
    return OutputWatcher.start(watcherConfig(), stack.registryClient(), true);
  }

  /** As {@link #watchOutput()}, counting only what is committed from now on. */
  public OutputWatcher watchOutputFromNow() {
    return OutputWatcher.start(watcherConfig(), stack.registryClient(), false);
  }

  private Map<String, Object> watcherConfig() {
    Map<String, Object> config = stack.broker().consumerConfig("gmn-output-watcher");
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, PipelineTopics.MAX_DEAD_LETTER_RECORD_BYTES);
    return config;
  }

  @Override
  public void close() {
    RuntimeException failure = new IllegalStateException("could not stop the local pipeline cleanly");
    Closeables.closeAll(failure, monitor, operator, flink, stack);
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }
}
