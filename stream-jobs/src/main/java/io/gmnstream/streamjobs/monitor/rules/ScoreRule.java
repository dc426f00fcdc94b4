package io.gmnstream.streamjobs.monitor.rules;

import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.streamjobs.monitor.alerts.RuleName;
import io.gmnstream.streamjobs.monitor.alerts.Verdict;
import io.gmnstream.streamjobs.monitor.state.RunState;

/** A rule judged each time a run's score is accepted. */
public interface ScoreRule {

  RuleName name();

  /**
   * @param state the run's state with {@code score} already applied (its latest history point)
   * @param score the score just accepted, for what the state does not keep (flags, weight statistics)
   */
  Verdict evaluate(RunState state, GmnScore score);
}
