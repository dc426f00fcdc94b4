package io.gmnstream.streamjobs.monitor;

import static io.gmnstream.streamjobs.monitor.internal.ConfigChecks.check;
import static io.gmnstream.streamjobs.monitor.internal.ConfigChecks.requireInRange;
import static io.gmnstream.streamjobs.monitor.internal.ConfigChecks.requireNonNull;
import static io.gmnstream.streamjobs.monitor.internal.ConfigChecks.requireText;

import io.gmnstream.schemas.SecretRedaction;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import io.gmnstream.streamjobs.monitor.topology.MonitorTopologyConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Validated settings of a {@link RunMonitor} instance.
 *
 * @param applicationId Kafka Streams application.id: instances with the same id share the work
 * @param bootstrapServers Kafka bootstrap servers, {@code host:port[,host:port...]}
 * @param registry the schema registry the serdes use
 * @param kafkaProperties extra properties for every Kafka client, e.g. {@code security.protocol},
 *     {@code sasl.*}, {@code ssl.*}; may not set what this record sets
 * @param standbyReplicas warm copies of each state store on other instances, for fast failover
 * @param streamThreads stream threads of this instance
 * @param stateDir where this instance keeps its state stores; one per instance on a host
 * @param applicationServer host:port at which this instance serves queries, advertised to the
 *     others so they can find the instance holding a run; empty: not advertised
 * @param topology what the monitor computes
 */
public record RunMonitorConfig(String applicationId, String bootstrapServers, RegistryClientConfig registry,
    Map<String, String> kafkaProperties, int standbyReplicas, int streamThreads, Path stateDir,
    Optional<HostInfo> applicationServer, MonitorTopologyConfig topology) {

  public static final String DEFAULT_APPLICATION_ID = "gmn-run-monitor";
  public static final int DEFAULT_STANDBY_REPLICAS = 1;
  public static final int DEFAULT_STREAM_THREADS = 1;

  /** Properties this record sets itself; passing them in kafkaProperties would be silently wrong. */
  static final Map<String, String> RESERVED_KAFKA_PROPERTIES = Map.of(
      StreamsConfig.APPLICATION_ID_CONFIG, "applicationId",
      StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "bootstrapServers",
      StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "always exactly_once_v2",
      StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "standbyReplicas",
      StreamsConfig.NUM_STREAM_THREADS_CONFIG, "streamThreads",
      StreamsConfig.STATE_DIR_CONFIG, "stateDir",
      StreamsConfig.APPLICATION_SERVER_CONFIG, "applicationServer",
      StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, "always UndecodableScoreHandler");

  public RunMonitorConfig {
    requireText("monitor.application_id", applicationId, DEFAULT_APPLICATION_ID);
    requireText("monitor.bootstrap_servers", bootstrapServers, "localhost:9092");
    requireNonNull("monitor.registry", registry);
    requireNonNull("monitor.kafka_properties", kafkaProperties);
    kafkaProperties = Map.copyOf(kafkaProperties);
    for (String key : kafkaProperties.keySet()) {
      String setBy = RESERVED_KAFKA_PROPERTIES.get(key);
      check(setBy == null, "monitor.kafka_properties", "free of '" + key + "', which the monitor sets (" + setBy + ")",
          SecretRedaction.redacted(kafkaProperties).keySet());
    }
    requireInRange("monitor.standby_replicas", standbyReplicas, 0, 16);
    requireInRange("monitor.stream_threads", streamThreads, 1, 64);
    requireNonNull("monitor.state_dir", stateDir);
    requireNonNull("monitor.application_server", applicationServer);
    requireNonNull("monitor.topology", topology);
  }

  /** The defaults: application id gmn-run-monitor, one standby, one thread, no advertised endpoint. */
  public static RunMonitorConfig defaults(String bootstrapServers, RegistryClientConfig registry, Path stateDir) {
    return new RunMonitorConfig(DEFAULT_APPLICATION_ID, bootstrapServers, registry, Map.of(),
        DEFAULT_STANDBY_REPLICAS, DEFAULT_STREAM_THREADS, stateDir, Optional.empty(),
        MonitorTopologyConfig.defaults());
  }

  public RunMonitorConfig withApplicationId(String value) {
    return new RunMonitorConfig(value, bootstrapServers, registry, kafkaProperties, standbyReplicas, streamThreads,
        stateDir, applicationServer, topology);
  }

  public RunMonitorConfig withKafkaProperties(Map<String, String> value) {
    return new RunMonitorConfig(applicationId, bootstrapServers, registry, value, standbyReplicas, streamThreads,
        stateDir, applicationServer, topology);
  }

  public RunMonitorConfig withStandbyReplicas(int value) {
    return new RunMonitorConfig(applicationId, bootstrapServers, registry, kafkaProperties, value, streamThreads,
        stateDir, applicationServer, topology);
  }

  public RunMonitorConfig withStreamThreads(int value) {
    return new RunMonitorConfig(applicationId, bootstrapServers, registry, kafkaProperties, standbyReplicas, value,
        stateDir, applicationServer, topology);
  }

  /** Advertises this instance at {@code host:port} for interactive queries. */
  public RunMonitorConfig withApplicationServer(String hostPort) {
    HostInfo host;
    try {
      host = HostInfo.buildFromEndpoint(hostPort);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("monitor.application_server must be host:port, got '" + hostPort + "'", e);
    }
    check(host != null, "monitor.application_server", "host:port", hostPort);
    return new RunMonitorConfig(applicationId, bootstrapServers, registry, kafkaProperties, standbyReplicas,
        streamThreads, stateDir, Optional.of(host), topology);
  }

  public RunMonitorConfig withTopology(MonitorTopologyConfig value) {
    return new RunMonitorConfig(applicationId, bootstrapServers, registry, kafkaProperties, standbyReplicas,
        streamThreads, stateDir, applicationServer, value);
  }

  /** The Kafka Streams properties of this instance. */
  public Properties streamsProperties() {
    Properties props = new Properties();
    props.putAll(kafkaProperties);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    applicationServer.ifPresent(host ->
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, host.host() + ":" + host.port()));
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, UndecodableScoreHandler.class);
    return props;
  }

  /** Never prints secrets: values of password, secret, token, key and JAAS properties are hidden. */
  @Override
  public String toString() {
    return "RunMonitorConfig[applicationId=" + applicationId + ", bootstrapServers=" + bootstrapServers
        + ", registry=" + registry + ", kafkaProperties=" + SecretRedaction.redacted(kafkaProperties)
        + ", standbyReplicas=" + standbyReplicas + ", streamThreads=" + streamThreads + ", stateDir=" + stateDir
        + ", applicationServer=" + applicationServer + ", topology=" + topology + "]";
  }
}
