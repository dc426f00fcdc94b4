package io.gmnstream.streamjobs.monitor;

import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.streamjobs.monitor.state.RunState;
import io.gmnstream.streamjobs.monitor.state.StoreRunQueries;
import io.gmnstream.streamjobs.monitor.topology.MonitorSerdes;
import io.gmnstream.streamjobs.monitor.topology.MonitorTopology;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of the run monitor: the topology running in Kafka Streams, exactly once, with
 * standby replicas of its state, and the means to query the runs it holds and to find the
 * instance holding any other run. Owns its schema registry client.
 *
 * <pre>{@code
 * try (RunMonitor monitor = new RunMonitor(config)) {
 *   monitor.start();
 *   ...
 * }
 * }</pre>
 */
public final class RunMonitor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RunMonitor.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final RunMonitorConfig config;
  private final SchemaRegistryClient registry;
  private final KafkaStreams streams;

  public RunMonitor(RunMonitorConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.registry = SchemaRegistryClient.connect(config.registry());
    try {
      this.streams = new KafkaStreams(
          MonitorTopology.buildTopology(config.topology(), MonitorSerdes.avro(registry)),
          config.streamsProperties());
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
    // A failed thread (e.g. the registry was unreachable) is replaced: it resumes from the last
    // commit, and exactly-once processing means nothing is lost or repeated.
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("Run monitor stream thread failed; replacing it", e);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
  }

  /** Starts processing; returns at once (see {@link KafkaStreams#state()} for progress). */
  public void start() {
    LOG.info("Starting run monitor {}", config);
    streams.start();
  }

  /** The Kafka Streams client, e.g. to watch its state or metrics. */
  public KafkaStreams streams() {
    return streams;
  }

  /** Queries answered from the runs this instance holds as active. */
  public StoreRunQueries localQueries() {
    return new StoreRunQueries(this::localRunStateStore);
  }

  /**
   * Where the run lives: the active instance (its {@code application.server}), the standbys and the
   * partition; empty while the application is rebalancing or not running.
   */
  public Optional<KeyQueryMetadata> ownerOf(String runId) {
    Objects.requireNonNull(runId, "runId");
    KeyQueryMetadata metadata =
        streams.queryMetadataForKey(MonitorTopology.RUN_STATE_STORE, runId, Serdes.String().serializer());
    return metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata) ? Optional.empty()
        : Optional.of(metadata);
  }

  private ReadOnlyKeyValueStore<String, RunState> localRunStateStore() {
    return streams.store(StoreQueryParameters.fromNameAndType(MonitorTopology.RUN_STATE_STORE,
        QueryableStoreTypes.<String, RunState>keyValueStore()));
  }

  /** Stops processing (waiting up to 30 s for a clean shutdown) and closes the registry client. */
  @Override
  public void close() {
    try {
      if (!streams.close(CLOSE_TIMEOUT)) {
        LOG.warn("Run monitor did not shut down within {}", CLOSE_TIMEOUT);
      }
    } finally {
      registry.close();
    }
  }
}
