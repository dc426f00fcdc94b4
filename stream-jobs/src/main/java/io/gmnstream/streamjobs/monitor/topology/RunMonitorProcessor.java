package io.gmnstream.streamjobs.monitor.topology;

import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.streamjobs.monitor.alerts.AlertGate;
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
 */
final class RunMonitorProcessor implements Processor<String, GmnScore, String, RunAlert> {

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
  public void process(Record<String, GmnScore> record) {
    if (record.key() == null || record.value() == null) {
      // Decodable but unusable: no run to attribute it to. Undecodable records never get here, the
      // deserialization exception handler takes them.
      LOG.warn("Skipping a score without {} at {}", record.key() == null ? "key (run id)" : "value",
          context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"));
      return;
    }
    GmnScore score = record.value();
    RunState state = store.get(record.key());
    if (state == null) {
      state = RunState.empty(record.key());
    }
    if (!state.accepts(score.getStep())) {
      store.put(record.key(), state.withIgnoredScore());
      return;
    }
    state = state.withScore(score, context.currentSystemTimeMs(), record.timestamp(), config.historyLimit());
    for (ScoreRule rule : rules) {
      state = publisher.apply(state, rule.name(), rule.evaluate(state, score), record.timestamp());
    }
    if (staleRule != null) {
      state = publisher.apply(state, staleRule.name(), staleRule.onScore(), record.timestamp());
    }
    store.put(record.key(), state);
  }
}
