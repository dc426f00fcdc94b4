package io.gmnstream.streamjobs.monitor.rules;

import io.gmnstream.streamjobs.monitor.alerts.RuleName;
import io.gmnstream.streamjobs.monitor.alerts.Verdict;
import io.gmnstream.streamjobs.monitor.state.RunState;
import java.util.Locale;

/**
 * Fires for a run that has published no score for longer than {@code after}, judged on
 * punctuation. Only a new score resolves it: a check on the other clock that sees no silence yet is
 * {@link Verdict#NO_DATA}, so the two clocks cannot resolve each other's alerts.
 */
public final class StaleRunRule {

  private final RulesConfig.StaleRun config;

  public StaleRunRule(RulesConfig.StaleRun config) {
    this.config = config;
  }

  public RuleName name() {
    return RuleName.STALE_RUN;
  }

  /** The verdict when a run's score arrives: it is not silent any more. */
  public Verdict onScore() {
    return Verdict.CLEAR;
  }

  /** The verdict of a scan at {@code nowMillis} on the given clock. */
  public Verdict onScan(RunState state, TimeBasis basis, long nowMillis) {
    long lastSeen = basis == TimeBasis.STREAM_TIME ? state.lastSeenStreamTimeMillis() : state.lastSeenWallMillis();
    long silentMillis = nowMillis - lastSeen;
    if (silentMillis <= config.after().toMillis()) {
      return Verdict.NO_DATA;
    }
    String message = "Run " + state.runId() + " has published no score for " + silentMillis / 1000 + " s ("
        + basis.name().toLowerCase(Locale.ROOT) + "), since step " + state.latest().step();
    return Verdict.firing(config.severity(), message,
        Evidence.of("silentForMillis", silentMillis)
            .and("staleAfterMillis", config.after().toMillis())
            .and("clock", basis.name().toLowerCase(Locale.ROOT))
            .and("lastStep", state.latest().step())
            .map());
  }
}
