package io.gmnstream.streamjobs.monitor.topology;

import io.gmnstream.schemas.avro.GmnScore;
import java.util.Objects;

/**
 * What the {@code run-monitor} processor consumes, keyed by run id: the run's scores, and the
 * below_peers verdicts the peer comparison sends back. One input type for both, so that one
 * processor stays the only writer of the {@code run-state} store.
 */
sealed interface RunEvent permits RunEvent.Scored, PeerVerdict {

  /** A score of the run, from {@code gmn.scores}. */
  record Scored(GmnScore score) implements RunEvent {

    public Scored {
      Objects.requireNonNull(score, "score");
    }

    /** The event for a score, or null for a null score (the processor logs and skips it). */
    static Scored ofNullable(GmnScore score) {
      return score == null ? null : new Scored(score);
    }
  }
}
