package io.gmnstream.streamjobs.monitor.topology;

import io.gmnstream.streamjobs.monitor.alerts.ActiveAlert;
import io.gmnstream.streamjobs.monitor.alerts.GateResult;
import java.util.Optional;

/**
 * A below_peers decision the peer comparison published for a run (FIRING, a repeat, or RESOLVED),
 * sent back keyed by run id through the {@code peer-verdicts} repartition topic so that the run's
 * state lists the alert like those of its other rules. JSON value of that topic.
 *
 * @param alert the below_peers alert firing after the decision, as the peer comparison's gate keeps
 *     it; null once it is resolved
 */
record PeerVerdict(ActiveAlert alert) implements RunEvent {

  static PeerVerdict of(GateResult decision) {
    return new PeerVerdict(decision.active().orElse(null));
  }

  /** The alert still firing; empty once resolved. (Not named get/is: it is no JSON property.) */
  Optional<ActiveAlert> firing() {
    return Optional.ofNullable(alert);
  }
}
