package io.gmnstream.launcher.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The production config file of {@code gmn-stream run} (YAML), as written: every section optional
 * except kafka and registry; what is left out takes the service's default. deploy/config/ holds
 * commented examples. {@link ServiceConfigs} and {@link MonitorConfigs} turn it into the validated
 * configs of each service; the monitor's sections are declared in {@link MonitorSections}.
 */
record ServiceConfigFile(
    @JsonProperty(required = true) Kafka kafka,
    @JsonProperty(required = true) Registry registry,
    GraphBuilder graphBuilder,
    Operator operator,
    MonitorSections.Monitor monitor,
    MonitorSections.Rules rules,
    MonitorSections.Dashboard dashboard,
    MonitorSections.Hooks hooks) {

  /**
   * @param bootstrapServers host:port list of the Kafka cluster
   * @param properties Kafka client properties applied to every client (security.protocol, sasl.*, ssl.*)
   */
  record Kafka(@JsonProperty(required = true) String bootstrapServers, Map<String, String> properties) {}

  /**
   * @param url a Confluent-compatible schema registry
   * @param properties schema.registry.* client settings (basic auth, truststore, timeouts)
   */
  record Registry(@JsonProperty(required = true) String url, Map<String, String> properties) {}

  /** The Flink graph-builder job; see GraphBuilderConfig for each setting's meaning. */
  record GraphBuilder(
      Integer parallelism,
      String checkpointInterval,
      List<String> allowedBlobPrefixes,
      Long maxBlobBytes,
      String blobConnectTimeout,
      String blobReadTimeout,
      Long maxParameters,
      Integer maxPendingPerRun,
      String pendingTimeout,
      String groupId,
      String transactionalIdPrefix,
      Flink flink) {}

  /**
   * Where the job runs. {@code context} (the default): the environment Flink provides when the job is
   * started by {@code flink run} or a FlinkDeployment, else a local mini-cluster. {@code remote}:
   * submitted to {@code jobManager} (host:port of its REST endpoint) with {@code jars}.
   */
  record Flink(String mode, String jobManager, List<String> jars) {}

  /** The GMN scoring service; see ScoringServiceConfig for each setting's meaning. */
  record Operator(
      String modelDir,
      String modelId,
      String groupId,
      String transactionalId,
      Integer maxBatchGraphs,
      Long maxBatchEdges,
      String maxBatchWait,
      Long maxGraphEdges,
      String modelReloadInterval,
      Integer httpPort,
      String httpBindAddress,
      Integer scoringThreads) {}
}
