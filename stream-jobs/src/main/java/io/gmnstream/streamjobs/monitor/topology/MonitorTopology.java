package io.gmnstream.streamjobs.monitor.topology;

import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.streamjobs.monitor.alerts.GateResult;
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
 *   -> score-events ----------------------------------------------> run-events (merge)
 *   -> scores-with-task -> key-by-task -> peers-by-task (repartition)       |
 *        -> peer-comparison [peer-state]                                    |
 *             -> peer-alerts                                    -> alerts   |
 *             -> peer-verdict -> peer-verdicts (repartition, key run id)    |
 *                  -> peer-verdict-events ----------------------> run-events
 * run-events -> run-monitor [run-state]                           -> alerts
 * alerts -> all-alerts (merge) -> alerts-sink (gmn.alerts, key run id)
 * </pre>
 *
 * below_peers is judged, throttled and published on the task-keyed side, where the peers are; its
 * published decisions come back to the run-keyed side as verdicts, so that {@code run-monitor}, the
 * only writer of {@code run-state}, lists that alert with the run's others. A verdict is alert state,
 * not a RunAlert, and run-monitor publishes nothing for it, so each alert is still published once.
 *
 * <p>Every store, processor and internal topic is named: generated names shift when the topology
 * changes, and would orphan the state of a running application on upgrade.
 */
public final class MonitorTopology {

  /** Per-run state, keyed by run id; what interactive queries read. */
  public static final String RUN_STATE_STORE = "run-state";
  /** Per-task peer groups, keyed by task. */
  public static final String PEER_STATE_STORE = "peer-state";
  /** Name of the task-keyed repartition (topic {@code <application.id>-peers-by-task-repartition}). */
  public static final String PEERS_BY_TASK = "peers-by-task";
  /** Name of the run-keyed repartition of below_peers verdicts (topic {@code <application.id>-peer-verdicts-repartition}). */
  public static final String PEER_VERDICTS = "peer-verdicts";
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
    KStream<String, RunEvent> runEvents = scores.mapValues(RunEvent.Scored::ofNullable, Named.as("score-events"));

    KStream<String, GateResult> peerDecisions = null;
    if (config.rules().belowPeers().enabled()) {
      peerDecisions = comparePeers(builder, scores, config);
      KStream<String, RunEvent> verdicts = peerDecisions
          .mapValues(PeerVerdict::of, Named.as("peer-verdict"))
          .repartition(Repartitioned.with(Serdes.String(), new JsonSerde<>(PeerVerdict.class))
              .withName(PEER_VERDICTS))
          .<RunEvent>mapValues(verdict -> verdict, Named.as("peer-verdict-events"));
      runEvents = runEvents.merge(verdicts, Named.as("run-events"));
    }

    KStream<String, RunAlert> alerts = runEvents.process(() -> new RunMonitorProcessor(config),
        Named.as(RUN_PROCESSOR), RUN_STATE_STORE);
    if (peerDecisions != null) {
      KStream<String, RunAlert> peerAlerts = peerDecisions
          .flatMapValues(decision -> decision.publish().stream().toList(), Named.as("peer-alerts"));
      alerts = alerts.merge(peerAlerts, Named.as("all-alerts"));
    }

    alerts.to(config.alertsTopic(), Produced.with(Serdes.String(), serdes.alerts()).withName(SINK));
    return builder.build();
  }

  /** The task-keyed side: the below_peers decisions that publish an alert, keyed by run id. */
  private static KStream<String, GateResult> comparePeers(StreamsBuilder builder, KStream<String, GmnScore> scores,
      MonitorTopologyConfig config) {
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PEER_STATE_STORE),
        Serdes.String(), new JsonSerde<>(PeerGroup.class)));
    return scores
        .filter((runId, score) -> runId != null && score != null && !score.getTask().isEmpty(),
            Named.as("scores-with-task"))
        .map((runId, score) -> KeyValue.pair(score.getTask(),
            new PeerObservation(runId, score.getStep(), score.getPredictedTestAccuracy())), Named.as("key-by-task"))
        .repartition(Repartitioned.with(Serdes.String(), new JsonSerde<>(PeerObservation.class))
            .withName(PEERS_BY_TASK))
        .process(() -> new PeerComparisonProcessor(config), Named.as(PEER_PROCESSOR), PEER_STATE_STORE);
  }
}
