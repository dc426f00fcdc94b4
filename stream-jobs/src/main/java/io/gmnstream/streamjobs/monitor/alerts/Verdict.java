package io.gmnstream.streamjobs.monitor.alerts;

import java.util.Map;
import java.util.Objects;

/**
 * A rule's answer for one run at one moment. Three answers, not two: a rule that cannot judge (a
 * score without weight statistics, too short a history) must neither raise nor resolve an alert.
 */
public sealed interface Verdict permits Verdict.Firing, Verdict.Clear, Verdict.NoData {

  /** The condition holds: raise (or keep) an alert with this severity, message and evidence. */
  record Firing(Severity severity, String message, Map<String, String> evidence) implements Verdict {
    public Firing {
      Objects.requireNonNull(severity, "severity");
      Objects.requireNonNull(message, "message");
      evidence = Map.copyOf(evidence);
    }
  }

  /** The condition does not hold: resolve the alert if one is firing. */
  record Clear() implements Verdict {}

  /** Not enough data to judge: leave any alert as it is. */
  record NoData() implements Verdict {}

  Verdict CLEAR = new Clear();
  Verdict NO_DATA = new NoData();

  static Firing firing(Severity severity, String message, Map<String, String> evidence) {
    return new Firing(severity, message, evidence);
  }
}
