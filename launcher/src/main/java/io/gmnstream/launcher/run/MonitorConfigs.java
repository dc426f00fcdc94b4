package io.gmnstream.launcher.run;

import static io.gmnstream.launcher.run.FileValues.apply;
import static io.gmnstream.launcher.run.FileValues.duration;
import static io.gmnstream.launcher.run.FileValues.orDefault;
import static io.gmnstream.launcher.run.FileValues.validated;

import io.gmnstream.launcher.BadInputException;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import io.gmnstream.streamjobs.hooks.AlertHooksConfig;
import io.gmnstream.streamjobs.hooks.BodyFormat;
import io.gmnstream.streamjobs.hooks.WebhookEndpoint;
import io.gmnstream.streamjobs.monitor.RunMonitorConfig;
import io.gmnstream.streamjobs.monitor.alerts.Severity;
import io.gmnstream.streamjobs.monitor.service.MonitorServiceConfig;
import io.gmnstream.streamjobs.monitor.topology.MonitorTopologyConfig;
import io.gmnstream.streamjobs.monitor.web.DashboardConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a {@link ServiceConfigFile} into the {@link MonitorServiceConfig} of {@code run monitor}:
 * sections monitor, rules, dashboard and hooks. Values left out keep the typed defaults; the Kafka
 * properties and the registry are shared by the monitor, its live feed and the hooks.
 */
final class MonitorConfigs {
  private MonitorConfigs() {}

  static MonitorServiceConfig from(ServiceConfigFile file) {
    MonitorSections.Monitor m = file.monitor();
    if (m == null || m.stateDir() == null) {
      throw new BadInputException("monitor.stateDir is required: where this instance keeps its state stores"
          + " (a persistent volume in production)");
    }
    RegistryClientConfig registry = ServiceConfigs.registry(file);
    Path stateDir = validated("monitor.stateDir", () -> Path.of(m.stateDir()));
    MonitorServiceConfig defaults = validated("kafka.bootstrapServers",
        () -> MonitorServiceConfig.defaults(file.kafka().bootstrapServers(), registry, stateDir));
    RunMonitorConfig monitor = runMonitor(defaults.monitor(), m, file);
    DashboardConfig dashboard = dashboard(file.dashboard());
    MonitorServiceConfig config = validated("monitor", () -> new MonitorServiceConfig(monitor, dashboard,
        orDefault(m.advertisedHost(), defaults.advertisedHost()),
        orDefault(duration("monitor.peerTimeout", m.peerTimeout()), defaults.peerTimeout()), Optional.empty()));
    return file.hooks() == null ? config : config.withHooks(hooks(file, registry));
  }

  private static RunMonitorConfig runMonitor(RunMonitorConfig defaults, MonitorSections.Monitor m,
      ServiceConfigFile file) {
    RunMonitorConfig config = apply(defaults, ServiceConfigs.kafkaProperties(file), "kafka.properties",
        RunMonitorConfig::withKafkaProperties);
    config = apply(config, m.applicationId(), "monitor.applicationId", RunMonitorConfig::withApplicationId);
    config = apply(config, m.standbyReplicas(), "monitor.standbyReplicas", RunMonitorConfig::withStandbyReplicas);
    config = apply(config, m.streamThreads(), "monitor.streamThreads", RunMonitorConfig::withStreamThreads);
    MonitorTopologyConfig topologyDefaults = config.topology();
    // In one go: the history must outlast the stagnation rule's window, a check across sections.
    MonitorTopologyConfig topology = validated("monitor", () -> new MonitorTopologyConfig(
        topologyDefaults.scoresTopic(), topologyDefaults.alertsTopic(),
        orDefault(m.historyLimit(), topologyDefaults.historyLimit()), RulesConfigs.from(file.rules()),
        orDefault(duration("monitor.realertInterval", m.realertInterval()), topologyDefaults.realertInterval())));
    return config.withTopology(topology);
  }

  private static DashboardConfig dashboard(MonitorSections.Dashboard d) {
    DashboardConfig config = DashboardConfig.defaults();
    if (d == null) {
      return config;
    }
    config = apply(config, d.bindAddress(), "dashboard.bindAddress", DashboardConfig::withBindAddress);
    config = apply(config, d.port(), "dashboard.port", DashboardConfig::withPort);
    config = apply(config, d.bearerToken(), "dashboard.bearerToken", DashboardConfig::withBearerToken);
    config = apply(config, duration("dashboard.sseHeartbeat", d.sseHeartbeat()), "dashboard.sseHeartbeat",
        DashboardConfig::withSseHeartbeat);
    config = apply(config, d.maxSseClients(), "dashboard.maxSseClients", DashboardConfig::withMaxSseClients);
    config = apply(config, d.sseClientQueue(), "dashboard.sseClientQueue", DashboardConfig::withSseClientQueue);
    return apply(config, d.recentAlerts(), "dashboard.recentAlerts", DashboardConfig::withRecentAlerts);
  }

  private static AlertHooksConfig hooks(ServiceConfigFile file, RegistryClientConfig registry) {
    MonitorSections.Hooks h = file.hooks();
    List<WebhookEndpoint> endpoints = endpoints(h.endpoints());
    AlertHooksConfig config = validated("hooks.endpoints",
        () -> AlertHooksConfig.defaults(file.kafka().bootstrapServers(), registry, endpoints));
    config = apply(config, ServiceConfigs.kafkaProperties(file), "kafka.properties",
        AlertHooksConfig::withKafkaProperties);
    config = apply(config, h.groupId(), "hooks.groupId", AlertHooksConfig::withGroupId);
    AlertHooksConfig retriesFrom = config;
    config = validated("hooks", () -> retriesFrom.withRetries(
        orDefault(h.maxAttempts(), retriesFrom.maxAttempts()),
        orDefault(duration("hooks.initialBackoff", h.initialBackoff()), retriesFrom.initialBackoff()),
        orDefault(duration("hooks.maxBackoff", h.maxBackoff()), retriesFrom.maxBackoff())));
    config = apply(config, h.queueCapacity(), "hooks.queueCapacity", AlertHooksConfig::withQueueCapacity);
    return apply(config, duration("hooks.connectTimeout", h.connectTimeout()), "hooks.connectTimeout",
        AlertHooksConfig::withConnectTimeout);
  }

  private static List<WebhookEndpoint> endpoints(List<MonitorSections.Endpoint> written) {
    List<WebhookEndpoint> endpoints = new ArrayList<>();
    for (int i = 0; written != null && i < written.size(); i++) {
      endpoints.add(endpoint("hooks.endpoints[" + i + "]", written.get(i)));
    }
    return endpoints;
  }

  private static WebhookEndpoint endpoint(String key, MonitorSections.Endpoint e) {
    URI url = validated(key + ".url", () -> URI.create(e.url()));
    WebhookEndpoint endpoint = validated(key, () -> WebhookEndpoint.of(e.name(), url,
        e.format() == null ? BodyFormat.JSON : bodyFormat(key + ".format", e.format())));
    endpoint = apply(endpoint, e.secret(), key + ".secret", WebhookEndpoint::withSecret);
    endpoint = apply(endpoint, duration(key + ".requestTimeout", e.requestTimeout()), key + ".requestTimeout",
        WebhookEndpoint::withRequestTimeout);
    return apply(endpoint, e.minSeverity(), key + ".minSeverity",
        (current, text) -> current.withMinSeverity(Severity.parse(key + ".minSeverity", text).toAvro()));
  }

  private static BodyFormat bodyFormat(String key, String text) {
    try {
      return BodyFormat.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + " must be JSON or SLACK, got '" + text + "'", e);
    }
  }
}
