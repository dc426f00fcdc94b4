package io.gmnstream.streamjobs.monitor.rules;

/** Which clock a silence is measured on. */
public enum TimeBasis {
  /** Record timestamps: detects a run that is silent while the others keep publishing, even in a replay. */
  STREAM_TIME,
  /** The monitor's wall clock: detects silence when nothing at all arrives any more. */
  WALL_CLOCK
}
