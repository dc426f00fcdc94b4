package io.gmnstream.streamjobs.monitor.topology;

import io.gmnstream.streamjobs.monitor.alerts.AlertGate;
import io.gmnstream.streamjobs.monitor.alerts.GateResult;
import io.gmnstream.streamjobs.monitor.alerts.RuleName;
import io.gmnstream.streamjobs.monitor.alerts.Verdict;
import io.gmnstream.streamjobs.monitor.rules.BelowPeersRule;
import io.gmnstream.streamjobs.monitor.rules.RulesConfig;
import io.gmnstream.streamjobs.monitor.state.PeerGroup;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs of one task live on different partitions, so their scores are repartitioned by task; this
 * processor keeps each task's peer group in the {@code peer-state} store and judges a run against its
 * peers when the run's score arrives. The gate state of below_peers (what throttles and resolves it)
 * lives here, beside the peers. Each decision that publishes an alert is forwarded keyed by run id:
 * the topology sends its alert to {@code gmn.alerts} and a {@link PeerVerdict} to the run's own state.
 */
final class PeerComparisonProcessor implements Processor<String, PeerObservation, String, GateResult> {

  private final RulesConfig.BelowPeers config;
  private final BelowPeersRule rule;
  private final AlertGate gate;
  private ProcessorContext<String, GateResult> context;
  private KeyValueStore<String, PeerGroup> store;

  PeerComparisonProcessor(MonitorTopologyConfig config) {
    this.config = config.rules().belowPeers();
    this.rule = new BelowPeersRule(this.config);
    this.gate = new AlertGate(config.realertInterval());
  }

  @Override
  public void init(ProcessorContext<String, GateResult> context) {
    this.context = context;
    this.store = context.getStateStore(MonitorTopology.PEER_STATE_STORE);
  }

  @Override
  public void process(Record<String, PeerObservation> record) {
    String task = record.key();
    PeerObservation seen = record.value();
    PeerGroup group = store.get(task);
    if (group == null) {
      group = PeerGroup.empty(task);
    }
    if (!group.accepts(seen.runId(), seen.step())) {
      return; // a repeated or late score, ignored as in the run's own state
    }
    group = group.withScore(seen.runId(), seen.step(), seen.predictedTestAccuracy(), record.timestamp(),
        config.maxRunsPerTask());
    Verdict verdict = rule.evaluate(seen.runId(), task, seen.step(), seen.predictedTestAccuracy(),
        group.peerAccuracies(seen.runId()));
    GateResult result = gate.apply(seen.runId(), RuleName.BELOW_PEERS, group.activeAlert(seen.runId()), verdict,
        seen.step(), context.currentSystemTimeMs());
    if (result.publish().isPresent()) {
      context.forward(new Record<>(seen.runId(), result, record.timestamp()));
    }
    store.put(task, group.withAlert(seen.runId(), result.active()));
  }
}
