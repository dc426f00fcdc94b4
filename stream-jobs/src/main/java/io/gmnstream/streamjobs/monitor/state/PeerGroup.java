package io.gmnstream.streamjobs.monitor.state;

import io.gmnstream.streamjobs.monitor.alerts.ActiveAlert;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The runs of one task, with each one's latest predicted accuracy; the value of the
 * {@code peer-state} store (keyed by task). Bounded: past {@code maxRuns} the longest-silent run is
 * dropped, so a task with endless short runs does not grow without limit. A dropped run's firing
 * below_peers alert is forgotten without a RESOLVED record (it has been silent longest, so its
 * stale_run alert is the one that matters by then).
 */
public record PeerGroup(String task, Map<String, PeerEntry> runs) {

  public PeerGroup {
    Objects.requireNonNull(task, "task");
    runs = Map.copyOf(runs);
  }

  public static PeerGroup empty(String task) {
    return new PeerGroup(task, Map.of());
  }

  /** Whether a score at this step is newer than what the group holds for the run. */
  public boolean accepts(String runId, long step) {
    PeerEntry entry = runs.get(runId);
    return entry == null || step > entry.step();
  }

  /** This group with the run's latest score recorded, keeping its alert state. */
  public PeerGroup withScore(String runId, long step, double predictedTestAccuracy, long seenMillis, int maxRuns) {
    Map<String, PeerEntry> updated = new HashMap<>(runs);
    PeerEntry previous = updated.get(runId);
    updated.put(runId, new PeerEntry(step, predictedTestAccuracy, seenMillis,
        previous == null ? null : previous.activeAlert()));
    while (updated.size() > maxRuns) {
      String longestSilent = updated.entrySet().stream()
          .filter(e -> !e.getKey().equals(runId))
          .min(Comparator.comparingLong((Map.Entry<String, PeerEntry> e) -> e.getValue().lastSeenMillis()))
          .orElseThrow()
          .getKey();
      updated.remove(longestSilent);
    }
    return new PeerGroup(task, updated);
  }

  /** The latest predicted accuracy of every run of the task but this one. */
  public List<Double> peerAccuracies(String runId) {
    return runs.entrySet().stream()
        .filter(e -> !e.getKey().equals(runId))
        .map(e -> e.getValue().predictedTestAccuracy())
        .toList();
  }

  public Optional<ActiveAlert> activeAlert(String runId) {
    PeerEntry entry = runs.get(runId);
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.activeAlert());
  }

  /** This group with the run's below_peers alert replaced (or removed, when empty). */
  public PeerGroup withAlert(String runId, Optional<ActiveAlert> alert) {
    PeerEntry entry = runs.get(runId);
    if (entry == null) {
      throw new IllegalArgumentException("run " + runId + " is not in the peer group of task " + task);
    }
    Map<String, PeerEntry> updated = new HashMap<>(runs);
    updated.put(runId, new PeerEntry(entry.step(), entry.predictedTestAccuracy(), entry.lastSeenMillis(),
        alert.orElse(null)));
    return new PeerGroup(task, updated);
  }
}
