package io.gmnstream.streamjobs.monitor.topology;

import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.streamjobs.monitor.alerts.AlertGate;
import io.gmnstream.streamjobs.monitor.alerts.GateResult;
import io.gmnstream.streamjobs.monitor.alerts.RuleName;
import io.gmnstream.streamjobs.monitor.alerts.Verdict;
import io.gmnstream.streamjobs.monitor.state.RunState;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Passes a run's verdicts through the alert gate, forwards what it publishes, and returns the updated state. */
final class AlertPublisher {

  private final AlertGate gate;
  private final ProcessorContext<String, RunAlert> context;

  AlertPublisher(AlertGate gate, ProcessorContext<String, RunAlert> context) {
    this.gate = gate;
    this.context = context;
  }

  /**
   * @param timestamp timestamp of the alert record: the triggering score's, or the punctuation's
   */
  RunState apply(RunState state, RuleName rule, Verdict verdict, long timestamp) {
    GateResult result = gate.apply(state.runId(), rule, state.activeAlert(rule), verdict, state.latest().step(),
        context.currentSystemTimeMs());
    result.publish().ifPresent(alert -> context.forward(new Record<>(state.runId(), alert, timestamp)));
    return state.withAlert(rule, result.active());
  }
}
