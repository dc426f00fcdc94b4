package io.gmnstream.streamjobs.monitor.state;

import io.gmnstream.streamjobs.monitor.alerts.ActiveAlert;

/**
 * One run of a peer group: its latest predicted accuracy, and its below_peers alert if firing.
 *
 * @param lastSeenMillis record timestamp of the run's latest score, to evict the longest-silent run
 * @param activeAlert the run's firing below_peers alert, null if none
 */
public record PeerEntry(long step, double predictedTestAccuracy, long lastSeenMillis,
    ActiveAlert activeAlert) {}
