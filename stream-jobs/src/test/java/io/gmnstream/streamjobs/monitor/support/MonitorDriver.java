package io.gmnstream.streamjobs.monitor.support;

import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.streamjobs.monitor.state.RunState;
import io.gmnstream.streamjobs.monitor.topology.MonitorSerdes;
import io.gmnstream.streamjobs.monitor.topology.MonitorTopology;
import io.gmnstream.streamjobs.monitor.topology.MonitorTopologyConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The monitor's topology in a TopologyTestDriver, with Avro serdes on the embedded registry. Wall
 * time starts at {@link Scores#T0}; a score's record timestamp is its scoredAt time.
 */
public final class MonitorDriver implements AutoCloseable {

  private final TopologyTestDriver driver;
  private final TestInputTopic<String, GmnScore> scores;
  private final TestOutputTopic<String, RunAlert> alerts;

  public MonitorDriver(MonitorTopologyConfig config, EmbeddedStack stack, Path stateDir) {
    MonitorSerdes serdes = MonitorSerdes.avro(stack.client());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "monitor-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    this.driver = new TopologyTestDriver(MonitorTopology.buildTopology(config, serdes), props, Scores.T0);
    this.scores = driver.createInputTopic(config.scoresTopic(), Serdes.String().serializer(),
        serdes.scores().serializer());
    this.alerts = driver.createOutputTopic(config.alertsTopic(), Serdes.String().deserializer(),
        serdes.alerts().deserializer());
  }

  /** Publishes the score keyed by its run id, timestamped with its scoredAt time. */
  public void send(GmnScore.Builder score) {
    GmnScore built = score.build();
    scores.pipeInput(built.getRunId(), built, built.getScoredAtMillis());
  }

  public void sendRaw(String key, GmnScore value, Instant timestamp) {
    scores.pipeInput(key, value, timestamp);
  }

  /** The alerts published since the last call. */
  public List<RunAlert> alerts() {
    return alerts.readValuesToList();
  }

  public void advanceWallClock(Duration by) {
    driver.advanceWallClockTime(by);
  }

  public KeyValueStore<String, RunState> runStates() {
    return driver.getKeyValueStore(MonitorTopology.RUN_STATE_STORE);
  }

  public RunState runState(String runId) {
    return runStates().get(runId);
  }

  @Override
  public void close() {
    driver.close();
  }
}
