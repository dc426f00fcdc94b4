package io.gmnstream.streamjobs.builder.internal;

import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import io.gmnstream.streamjobs.blob.BlobFetchConfig;
import io.gmnstream.streamjobs.builder.GraphBuilderConfig;
import java.io.Serializable;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the graph-building function needs of the job's configuration, in a Java-serializable form
 * (Flink ships functions serialized; RegistryClientConfig and GraphLimits are not Serializable).
 */
public final class FunctionSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  private final HashMap<String, String> registry;
  private final BlobFetchConfig blobs;
  private final int maxPendingPerRun;
  private final long pendingTimeoutMillis;
  private final long maxParameters;
  private final long maxTensorBytes;
  private final long maxFileBytes;
  private final long maxHeaderBytes;

  private FunctionSettings(GraphBuilderConfig config) {
    this.registry = new HashMap<>(registryProperties(config.registry()));
    this.blobs = config.blobs();
    this.maxPendingPerRun = config.maxPendingPerRun();
    this.pendingTimeoutMillis = config.pendingTimeout().toMillis();
    GraphLimits limits = config.limits();
    this.maxParameters = limits.maxParameters();
    this.maxTensorBytes = limits.maxTensorBytes();
    this.maxFileBytes = limits.maxFileBytes();
    this.maxHeaderBytes = limits.maxHeaderBytes();
  }

  public static FunctionSettings of(GraphBuilderConfig config) {
    return new FunctionSettings(config);
  }

  public RegistryClientConfig registry() {
    return RegistryClientConfig.fromMap(registry);
  }

  public BlobFetchConfig blobs() {
    return blobs;
  }

  public int maxPendingPerRun() {
    return maxPendingPerRun;
  }

  public long pendingTimeoutMillis() {
    return pendingTimeoutMillis;
  }

  public GraphLimits limits() {
    return new GraphLimits(maxParameters, maxTensorBytes, maxFileBytes, maxHeaderBytes);
  }

  /** The {@code schema.registry.*} properties that {@link RegistryClientConfig#fromMap} reads back. */
  static Map<String, String> registryProperties(RegistryClientConfig config) {
    Map<String, String> props = new HashMap<>();
    props.put(RegistryClientConfig.URL, config.urls().stream().map(URI::toString).collect(Collectors.joining(",")));
    config.basicAuthUser().ifPresent(v -> props.put(RegistryClientConfig.BASIC_AUTH_USER, v));
    config.basicAuthPassword().ifPresent(v -> props.put(RegistryClientConfig.BASIC_AUTH_PASSWORD, v));
    config.trustStorePath().ifPresent(v -> props.put(RegistryClientConfig.TRUSTSTORE_LOCATION, v.toString()));
    config.trustStorePassword().ifPresent(v -> props.put(RegistryClientConfig.TRUSTSTORE_PASSWORD, v));
    props.put(RegistryClientConfig.TRUSTSTORE_TYPE, config.trustStoreType().name());
    props.put(RegistryClientConfig.CONNECT_TIMEOUT_MS, Long.toString(config.connectTimeout().toMillis()));
    props.put(RegistryClientConfig.REQUEST_TIMEOUT_MS, Long.toString(config.requestTimeout().toMillis()));
    props.put(RegistryClientConfig.MAX_RETRIES, Integer.toString(config.maxRetries()));
    props.put(RegistryClientConfig.RETRY_BACKOFF_MS, Long.toString(config.retryBackoff().toMillis()));
    props.put(RegistryClientConfig.RETRY_BACKOFF_MAX_MS, Long.toString(config.retryBackoffMax().toMillis()));
    return props;
  }
}
