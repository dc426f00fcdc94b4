package io.gmnstream.streamjobs.monitor.topology;

import static io.gmnstream.streamjobs.monitor.internal.ConfigChecks.check;
import static io.gmnstream.streamjobs.monitor.internal.ConfigChecks.requireAtLeast;
import static io.gmnstream.streamjobs.monitor.internal.ConfigChecks.requireInRange;
import static io.gmnstream.streamjobs.monitor.internal.ConfigChecks.requireNonNull;
import static io.gmnstream.streamjobs.monitor.internal.ConfigChecks.requireText;

import io.gmnstream.schemas.Topics;
import io.gmnstream.streamjobs.monitor.rules.RulesConfig;
import java.time.Duration;

/**
 * What the monitor's topology computes, validated at construction. Wall time comes from Kafka
 * Streams ({@code ProcessorContext.currentSystemTimeMs()}, which TopologyTestDriver's
 * {@code advanceWallClockTime} drives), not from a Clock here: a second clock would drift from the
 * one that fires the wall-clock punctuations.
 *
 * @param scoresTopic topic of the GmnScore records read
 * @param alertsTopic topic the RunAlert records are written to
 * @param historyLimit most score points kept per run; must exceed the stagnation windows
 * @param rules thresholds and severities of every rule
 * @param realertInterval a firing alert is published again after this long even if nothing changed
 */
public record MonitorTopologyConfig(String scoresTopic, String alertsTopic, int historyLimit, RulesConfig rules,
    Duration realertInterval) {

  public static final int DEFAULT_HISTORY_LIMIT = 500;
  public static final Duration DEFAULT_REALERT_INTERVAL = Duration.ofMinutes(10);

  public MonitorTopologyConfig {
    requireText("monitor.scores_topic", scoresTopic, Topics.SCORES.name());
    requireText("monitor.alerts_topic", alertsTopic, Topics.ALERTS.name());
    check(!scoresTopic.equals(alertsTopic), "monitor.alerts_topic", "different from monitor.scores_topic",
        alertsTopic);
    requireInRange("monitor.history_limit", historyLimit, 2, 100_000);
    requireNonNull("monitor.rules", rules);
    if (rules.stagnation().enabled()) {
      check(historyLimit > rules.stagnation().escalationCheckpoints(), "monitor.history_limit",
          "above rules.stagnation.escalation_checkpoints (" + rules.stagnation().escalationCheckpoints()
              + "): stagnation is judged on the stored history", historyLimit);
    }
    requireAtLeast("monitor.realert_interval", realertInterval, Duration.ofSeconds(1));
  }

  /** gmn.scores to gmn.alerts, 500 points per run, the default rules, re-alert every 10 minutes. */
  public static MonitorTopologyConfig defaults() {
    return new MonitorTopologyConfig(Topics.SCORES.name(), Topics.ALERTS.name(), DEFAULT_HISTORY_LIMIT,
        RulesConfig.defaults(), DEFAULT_REALERT_INTERVAL);
  }

  public MonitorTopologyConfig withTopics(String scores, String alerts) {
    return new MonitorTopologyConfig(scores, alerts, historyLimit, rules, realertInterval);
  }

  public MonitorTopologyConfig withHistoryLimit(int value) {
    return new MonitorTopologyConfig(scoresTopic, alertsTopic, value, rules, realertInterval);
  }

  public MonitorTopologyConfig withRules(RulesConfig value) {
    return new MonitorTopologyConfig(scoresTopic, alertsTopic, historyLimit, value, realertInterval);
  }

  public MonitorTopologyConfig withRealertInterval(Duration value) {
    return new MonitorTopologyConfig(scoresTopic, alertsTopic, historyLimit, rules, value);
  }
}
