package io.gmnstream.streamjobs.monitor.rules;

import io.gmnstream.streamjobs.monitor.alerts.RuleName;
import io.gmnstream.streamjobs.monitor.alerts.Verdict;
import java.util.List;

/**
 * Fires when a run's latest predicted accuracy is more than {@code maxBelowMedian} below the
 * median of the latest predicted accuracies of its task's other runs; with fewer than
 * {@code minPeers} of them there is no judgement.
 */
public final class BelowPeersRule {

  private final RulesConfig.BelowPeers config;

  public BelowPeersRule(RulesConfig.BelowPeers config) {
    this.config = config;
  }

  public RuleName name() {
    return RuleName.BELOW_PEERS;
  }

  public Verdict evaluate(String runId, String task, long step, double predictedTestAccuracy,
      List<Double> peerAccuracies) {
    List<Double> peers = peerAccuracies.stream().filter(Double::isFinite).sorted().toList();
    if (peers.size() < config.minPeers() || !Double.isFinite(predictedTestAccuracy)) {
      return Verdict.NO_DATA;
    }
    double median = median(peers);
    double shortfall = median - predictedTestAccuracy;
    if (shortfall <= config.maxBelowMedian()) {
      return Verdict.CLEAR;
    }
    String message = "Run " + runId + " is predicted at " + Evidence.round(predictedTestAccuracy) + " at step "
        + step + ", " + Evidence.round(shortfall) + " below the median " + Evidence.round(median) + " of "
        + peers.size() + " other runs of task " + task;
    return Verdict.firing(config.severity(), message,
        Evidence.of("predictedTestAccuracy", predictedTestAccuracy)
            .and("peerMedian", median)
            .and("peers", peers.size())
            .and("shortfall", shortfall)
            .and("maxBelowMedian", config.maxBelowMedian())
            .and("task", task)
            .map());
  }

  private static double median(List<Double> sorted) {
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
