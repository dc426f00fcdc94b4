package io.gmnstream.streamjobs.monitor.topology;

import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.streamjobs.monitor.alerts.AlertGate;
import io.gmnstream.streamjobs.monitor.alerts.RuleName;
import io.gmnstream.streamjobs.monitor.rules.ScoreRule;
import io.gmnstream.streamjobs.monitor.rules.ScoreRules;
import io.gmnstream.streamjobs.monitor.rules.StaleRunRule;
import io.gmnstream.streamjobs.monitor.rules.TimeBasis;
import io.gmnstream.streamjobs.monitor.state.RunState;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each run's state in the {@code run-state} store, judges every accepted score with the score
 * rules, and scans for silent runs on stream-time and wall-clock punctuation. Emits RunAlerts keyed
 * by run id.
 *
 * <p>It also records the below_peers verdicts of the peer comparison, which judges and publishes
 * that rule on the task-keyed side: the run's state then lists every firing alert, whichever side
 * decided it. Taking them here rather than in a processor of their own keeps this processor the only
 * writer of the store.
 */
final class RunMonitorProcessor implements Processor<String, RunEvent, String, RunAlert> {

  private static final Logger LOG = LoggerFactory.getLogger(RunMonitorProcessor.class);

  private final MonitorTopologyConfig config;
  private final List<ScoreRule> rules;
  private final StaleRunRule staleRule;
  private ProcessorContext<String, RunAlert> context;
  private KeyValueStore<String, RunState> store;
  private AlertPublisher publisher;

  RunMonitorProcessor(MonitorTopologyConfig config) {
    this.config = config;
    this.rules = ScoreRules.enabled(config.rules());
    this.staleRule = config.rules().staleRun().enabled() ? new StaleRunRule(config.rules().staleRun()) : null;
  }

  @Override
  public void init(ProcessorContext<String, RunAlert> context) {
    this.context = context;
    this.store = context.getStateStore(MonitorTopology.RUN_STATE_STORE);
    this.publisher = new AlertPublisher(new AlertGate(config.realertInterval()), context);
    if (staleRule != null) {
      // Each clock has its own scanner, hence its own cursor through the store.
      StaleRunScanner streamTime = new StaleRunScanner(store, staleRule, publisher,
          config.rules().staleRun().maxRunsPerScan());
      StaleRunScanner wallClock = new StaleRunScanner(store, staleRule, publisher,
          config.rules().staleRun().maxRunsPerScan());
      context.schedule(config.rules().staleRun().scanInterval(), PunctuationType.STREAM_TIME,
          now -> streamTime.scan(TimeBasis.STREAM_TIME, now));
      context.schedule(config.rules().staleRun().scanInterval(), PunctuationType.WALL_CLOCK_TIME,
          now -> wallClock.scan(TimeBasis.WALL_CLOCK, now));
    }
  }

  @Override
  public void process(Record<String, RunEvent> record) {
    if (record.key() == null || record.value() == null) {
      // Decodable but unusable: no run to attribute it to. Undecodable records never get here, the
      // deserialization exception handler takes them.
      LOG.warn("Skipping a record without {} at {}", record.key() == null ? "key (run id)" : "value",
          context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"));
      return;
    }
    if (record.value() instanceof RunEvent.Scored scored) {
      onScore(record.key(), scored.score(), record.timestamp());
    } else if (record.value() instanceof PeerVerdict verdict) {
      onPeerVerdict(record.key(), verdict);
    } else {
      throw new IllegalStateException("Unknown run event " + record.value().getClass().getName());
    }
  }

  private void onScore(String runId, GmnScore score, long timestamp) {
    RunState state = store.get(runId);
    if (state == null) {
      state = RunState.empty(runId);
    }
    if (!state.accepts(score.getStep())) {
      store.put(runId, state.withIgnoredScore());
      return;
    }
    state = state.withScore(score, context.currentSystemTimeMs(), timestamp, config.historyLimit());
    for (ScoreRule rule : rules) {
      state = publisher.apply(state, rule.name(), rule.evaluate(state, score), timestamp);
    }
    if (staleRule != null) {
      state = publisher.apply(state, staleRule.name(), staleRule.onScore(), timestamp);
    }
    store.put(runId, state);
  }

  /**
   * Mirrors the below_peers alert the peer comparison published; publishes nothing itself, that side
   * already did. A verdict derives from one of the run's scores, which this processor took first, so
   * a run without state here is unexpected: the verdict is skipped rather than creating a run without
   * a score, which no query would show and no rule could judge.
   */
  private void onPeerVerdict(String runId, PeerVerdict verdict) {
    RunState state = store.get(runId);
    if (state == null) {
      LOG.warn("Skipping a below_peers verdict for run {}, which has no score yet", runId);
      return;
    }
    store.put(runId, state.withAlert(RuleName.BELOW_PEERS, verdict.firing()));
  }
}
