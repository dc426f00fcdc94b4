package io.gmnstream.streamjobs.monitor.topology;

import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.streamjobs.monitor.state.JsonSerde;
import io.gmnstream.streamjobs.monitor.state.PeerGroup;
import io.gmnstream.streamjobs.monitor.state.RunState;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The run monitor's topology:
 *
 * <pre>
 * scores-source (gmn.scores, key run id)
 *   -> run-monitor [run-state]                                         -> alerts
 *   -> scores-with-task -> key-by-task -> peers-by-task (repartition)
 *        -> peer-comparison [peer-state]                               -> alerts
 * alerts -> all-alerts (merge) -> alerts-sink (gmn.alerts, key run id)
 * </pre>
 *
 * Every store, processor and internal topic is named: generated names shift when the topology
 * changes, and would orphan the state of a running application on upgrade.
 */
public final class MonitorTopology {

  /** Per-run state, keyed by run id; what interactive queries read. */
  public static final String RUN_STATE_STORE = "run-state";
  /** Per-task peer groups, keyed by task. */
  public static final String PEER_STATE_STORE = "peer-state";
  /** Name of the task-keyed repartition (topic {@code <application.id>-peers-by-task-repartition}). */
  public static final String PEERS_BY_TASK = "peers-by-task";
  public static final String SOURCE = "scores-source";
  public static final String RUN_PROCESSOR = "run-monitor";
  public static final String PEER_PROCESSOR = "peer-comparison";
  public static final String SINK = "alerts-sink";

  private MonitorTopology() {}

  public static Topology buildTopology(MonitorTopologyConfig config, MonitorSerdes serdes) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RUN_STATE_STORE),
        Serdes.String(), new JsonSerde<>(RunState.class)));

    KStream<String, GmnScore> scores = builder.stream(config.scoresTopic(),
        Consumed.with(Serdes.String(), serdes.scores()).withName(SOURCE));
    KStream<String, RunAlert> alerts = scores.process(() -> new RunMonitorProcessor(config),
        Named.as(RUN_PROCESSOR), RUN_STATE_STORE);

    if (config.rules().belowPeers().enabled()) {
      builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PEER_STATE_STORE),
          Serdes.String(), new JsonSerde<>(PeerGroup.class)));
      KStream<String, RunAlert> peerAlerts = scores
          .filter((runId, score) -> runId != null && score != null && !score.getTask().isEmpty(),
              Named.as("scores-with-task"))
          .map((runId, score) -> KeyValue.pair(score.getTask(),
              new PeerObservation(runId, score.getStep(), score.getPredictedTestAccuracy())), Named.as("key-by-task"))
          .repartition(Repartitioned.with(Serdes.String(), new JsonSerde<>(PeerObservation.class))
              .withName(PEERS_BY_TASK))
          .process(() -> new PeerComparisonProcessor(config), Named.as(PEER_PROCESSOR), PEER_STATE_STORE);
      alerts = alerts.merge(peerAlerts, Named.as("all-alerts"));
    }

    alerts.to(config.alertsTopic(), Produced.with(Serdes.String(), serdes.alerts()).withName(SINK));
    return builder.build();
  }
}
