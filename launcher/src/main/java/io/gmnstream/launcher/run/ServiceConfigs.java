package io.gmnstream.launcher.run;

import static io.gmnstream.launcher.run.FileValues.apply;
import static io.gmnstream.launcher.run.FileValues.duration;
import static io.gmnstream.launcher.run.FileValues.validated;

import io.gmnstream.launcher.BadInputException;
import io.gmnstream.operator.djl.DjlSettings;
import io.gmnstream.operator.score.BatchBounds;
import io.gmnstream.operator.service.ScoringServiceConfig;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import io.gmnstream.streamjobs.blob.BlobFetchConfig;
import io.gmnstream.streamjobs.builder.GraphBuilderConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a {@link ServiceConfigFile} into the validated config of graph-builder or operator
 * ({@link MonitorConfigs} does the monitor's). Every value the file leaves out keeps the service's
 * default; every value it gives is checked by the service's own config type, and a refusal names
 * the key in the file.
 */
final class ServiceConfigs {
  private ServiceConfigs() {}

  static GraphBuilderConfig graphBuilder(ServiceConfigFile file) {
    GraphBuilderConfig config = GraphBuilderConfig.defaults(file.kafka().bootstrapServers(), registry(file))
        .withKafkaProperties(kafkaProperties(file));
    ServiceConfigFile.GraphBuilder g = file.graphBuilder();
    if (g == null) {
      return config;
    }
    config = apply(config, g.parallelism(), "graphBuilder.parallelism", GraphBuilderConfig::withParallelism);
    config = apply(config, duration("graphBuilder.checkpointInterval", g.checkpointInterval()),
        "graphBuilder.checkpointInterval", GraphBuilderConfig::withCheckpointInterval);
    config = apply(config, g.maxPendingPerRun(), "graphBuilder.maxPendingPerRun", GraphBuilderConfig::withMaxPendingPerRun);
    config = apply(config, duration("graphBuilder.pendingTimeout", g.pendingTimeout()), "graphBuilder.pendingTimeout",
        GraphBuilderConfig::withPendingTimeout);
    config = apply(config, g.groupId(), "graphBuilder.groupId", GraphBuilderConfig::withGroupId);
    config = apply(config, g.transactionalIdPrefix(), "graphBuilder.transactionalIdPrefix",
        GraphBuilderConfig::withTransactionalIdPrefix);
    if (g.maxParameters() != null) {
      GraphBuilderConfig before = config;
      config = validated("graphBuilder.maxParameters",
          () -> before.withLimits(before.limits().withMaxParameters(g.maxParameters())));
    }
    BlobFetchConfig blobs = config.blobs();
    blobs = apply(blobs, g.allowedBlobPrefixes(), "graphBuilder.allowedBlobPrefixes", BlobFetchConfig::withAllowedPrefixes);
    blobs = apply(blobs, g.maxBlobBytes(), "graphBuilder.maxBlobBytes", BlobFetchConfig::withMaxBlobBytes);
    blobs = apply(blobs, duration("graphBuilder.blobConnectTimeout", g.blobConnectTimeout()),
        "graphBuilder.blobConnectTimeout", BlobFetchConfig::withConnectTimeout);
    blobs = apply(blobs, duration("graphBuilder.blobReadTimeout", g.blobReadTimeout()), "graphBuilder.blobReadTimeout",
        BlobFetchConfig::withReadTimeout);
    return config.withBlobs(blobs);
  }

  static ScoringServiceConfig operator(ServiceConfigFile file, Path projectDir) {
    ServiceConfigFile.Operator o = file.operator();
    if (o == null || o.modelDir() == null) {
      throw new BadInputException("operator.modelDir is required: the folder of the GMN model to serve");
    }
    ScoringServiceConfig config = ScoringServiceConfig.defaults(file.kafka().bootstrapServers(), registry(file),
            Path.of(o.modelDir()))
        .withKafkaProperties(kafkaProperties(file))
        .withDjl(DjlSettings.fromEnvironment(projectDir));
    config = apply(config, o.modelId(), "operator.modelId", ScoringServiceConfig::withModelId);
    config = apply(config, o.groupId(), "operator.groupId", ScoringServiceConfig::withGroupId);
    config = apply(config, o.transactionalId(), "operator.transactionalId", ScoringServiceConfig::withTransactionalId);
    BatchBounds batch = config.batch();
    batch = apply(batch, o.maxBatchGraphs(), "operator.maxBatchGraphs", BatchBounds::withMaxGraphs);
    batch = apply(batch, o.maxBatchEdges(), "operator.maxBatchEdges", BatchBounds::withMaxEdges);
    config = config.withBatch(batch);
    config = apply(config, duration("operator.maxBatchWait", o.maxBatchWait()), "operator.maxBatchWait",
        ScoringServiceConfig::withMaxBatchWait);
    config = apply(config, o.maxGraphEdges(), "operator.maxGraphEdges", ScoringServiceConfig::withMaxGraphEdges);
    config = apply(config, o.scoringThreads(), "operator.scoringThreads", ScoringServiceConfig::withScoringThreads);
    config = apply(config, duration("operator.modelReloadInterval", o.modelReloadInterval()),
        "operator.modelReloadInterval", ScoringServiceConfig::withModelReloadInterval);
    config = apply(config, o.httpPort(), "operator.httpPort", ScoringServiceConfig::withHttpPort);
    return apply(config, o.httpBindAddress(), "operator.httpBindAddress", ScoringServiceConfig::withHttpBindAddress);
  }

  static RegistryClientConfig registry(ServiceConfigFile file) {
    Map<String, Object> settings = new HashMap<>(orEmpty(file.registry().properties()));
    settings.put(RegistryClientConfig.URL, file.registry().url());
    return validated("registry", () -> RegistryClientConfig.fromMap(settings));
  }

  /** The Kafka client properties every client of a service gets (security passthrough). */
  static Map<String, String> kafkaProperties(ServiceConfigFile file) {
    return orEmpty(file.kafka().properties());
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
