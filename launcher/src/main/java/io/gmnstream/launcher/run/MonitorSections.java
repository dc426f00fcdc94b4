package io.gmnstream.launcher.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The sections of {@code run monitor}'s config file (monitor, rules, dashboard, hooks), as written.
 * Every key is optional but monitor.stateDir; {@link MonitorConfigs} fills in the typed defaults and
 * validates. Durations are written as {@link DurationText}, severities as INFO, WARNING or CRITICAL.
 */
final class MonitorSections {
  private MonitorSections() {}

  /** The Kafka Streams application and how other instances reach this one; see RunMonitorConfig. */
  record Monitor(
      String applicationId,
      Integer standbyReplicas,
      Integer streamThreads,
      String stateDir,
      String advertisedHost,
      String peerTimeout,
      Integer historyLimit,
      String realertInterval) {}

  /** Thresholds and severities per rule; a rule left out keeps its defaults (see RulesConfig). */
  record Rules(
      NonFiniteWeights nonFiniteWeights,
      AccuracyCollapse accuracyCollapse,
      GeneralizationGap generalizationGap,
      Stagnation stagnation,
      WeightNormExplosion weightNormExplosion,
      DeadUnits deadUnits,
      StaleRun staleRun,
      BelowPeers belowPeers) {}

  record NonFiniteWeights(Boolean enabled, String severity) {}

  record AccuracyCollapse(Boolean enabled, Double minDrop, String severity) {}

  record GeneralizationGap(Boolean enabled, Double maxGap, String severity) {}

  record Stagnation(Boolean enabled, Integer checkpoints, Double minImprovement, String severity,
      Integer escalationCheckpoints, String escalatedSeverity) {}

  record WeightNormExplosion(Boolean enabled, Double maxRatio, String severity) {}

  record DeadUnits(Boolean enabled, Double maxFraction, String severity) {}

  record StaleRun(Boolean enabled, String after, String severity, String scanInterval, Integer maxRunsPerScan) {}

  record BelowPeers(Boolean enabled, Double maxBelowMedian, Integer minPeers, String severity,
      Integer maxRunsPerTask) {}

  /** The dashboard's HTTP server; see DashboardConfig. */
  record Dashboard(
      String bindAddress,
      Integer port,
      String bearerToken,
      String sseHeartbeat,
      Integer maxSseClients,
      Integer sseClientQueue,
      Integer recentAlerts) {}

  /** Webhook delivery of the alerts; see AlertHooksConfig. */
  record Hooks(
      List<Endpoint> endpoints,
      String groupId,
      Integer maxAttempts,
      String initialBackoff,
      String maxBackoff,
      Integer queueCapacity,
      String connectTimeout) {}

  /**
   * One webhook; see WebhookEndpoint.
   *
   * @param format JSON (the default) or SLACK
   * @param secret HMAC key of the signature header; left out: unsigned requests
   * @param minSeverity the least severe alert delivered; left out: every alert
   */
  record Endpoint(
      @JsonProperty(required = true) String name,
      @JsonProperty(required = true) String url,
      String format,
      String secret,
      String requestTimeout,
      String minSeverity) {}
}
