/**
 * The monitor's rules and their configuration. A {@link io.gmnstream.streamjobs.monitor.rules.ScoreRule}
 * judges a run when one of its scores arrives; {@link io.gmnstream.streamjobs.monitor.rules.StaleRunRule}
 * judges silence on punctuation, {@link io.gmnstream.streamjobs.monitor.rules.BelowPeersRule} a run
 * against the runs of its task. Each answers a {@link io.gmnstream.streamjobs.monitor.alerts.Verdict}
 * with evidence; de-duplication and throttling are the alert gate's job, not theirs.
 */
package io.gmnstream.streamjobs.monitor.rules;
