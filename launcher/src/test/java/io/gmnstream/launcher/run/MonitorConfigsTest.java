package io.gmnstream.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.schemas.avro.AlertSeverity;
import io.gmnstream.streamjobs.hooks.AlertHooksConfig;
import io.gmnstream.streamjobs.hooks.BodyFormat;
import io.gmnstream.streamjobs.hooks.WebhookEndpoint;
import io.gmnstream.streamjobs.monitor.RunMonitorConfig;
import io.gmnstream.streamjobs.monitor.alerts.Severity;
import io.gmnstream.streamjobs.monitor.rules.RulesConfig;
import io.gmnstream.streamjobs.monitor.service.MonitorServiceConfig;
import io.gmnstream.streamjobs.monitor.web.DashboardConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every key of the monitor's sections lands in its place of the typed config; what is left out keeps its default. */
class MonitorConfigsTest {
  /** Every key of every section, each with a value other than its default. */
  static final String EVERY_KEY = """
      kafka:
        bootstrapServers: k1:9092,k2:9092
        properties: {security.protocol: SASL_SSL, sasl.jaas.config: 'x password="${KAFKA_PASSWORD}";'}
      registry:
        url: https://registry:8081
        properties: {schema.registry.basic.auth.user: u, schema.registry.basic.auth.password: p}
      monitor:
        applicationId: app-7
        standbyReplicas: 2
        streamThreads: 3
        stateDir: /state/monitor
        advertisedHost: ${POD_IP}
        peerTimeout: 7s
        historyLimit: 900
        realertInterval: 3m
      rules:
        nonFiniteWeights: {enabled: false, severity: warning}
        accuracyCollapse: {enabled: false, minDrop: 0.3, severity: INFO}
        generalizationGap: {maxGap: 0.4, severity: CRITICAL}
        stagnation: {checkpoints: 40, minImprovement: 0.01, severity: WARNING, escalationCheckpoints: 800,
                     escalatedSeverity: CRITICAL}
        weightNormExplosion: {maxRatio: 4.5, severity: WARNING}
        deadUnits: {maxFraction: 0.75, severity: CRITICAL}
        staleRun: {after: 2h, severity: CRITICAL, scanInterval: 250ms, maxRunsPerScan: 99}
        belowPeers: {maxBelowMedian: 0.1, minPeers: 5, severity: INFO, maxRunsPerTask: 50}
      dashboard:
        bindAddress: 0.0.0.0
        port: 9090
        bearerToken: ${TOKEN}
        sseHeartbeat: 2s
        maxSseClients: 8
        sseClientQueue: 64
        recentAlerts: 30
      hooks:
        groupId: hooks-7
        maxAttempts: 9
        initialBackoff: 100ms
        maxBackoff: 1m
        queueCapacity: 77
        connectTimeout: 3s
        endpoints:
          - {name: slack, url: 'https://hooks.slack.com/services/T/B/x', format: slack, minSeverity: critical}
          - {name: ops, url: 'http://ops:8000/gmn', secret: s3cret, requestTimeout: 4s}
      """;
  static final Map<String, String> ENVIRONMENT = Map.of("KAFKA_PASSWORD", "kp", "POD_IP", "10.0.0.9", "TOKEN", "t0k");

  @TempDir Path dir;

  @Test
  void mapsTheMonitorSection() throws Exception {
    MonitorServiceConfig config = read(EVERY_KEY);

    RunMonitorConfig monitor = config.monitor();
    assertThat(monitor.applicationId()).isEqualTo("app-7");
    assertThat(monitor.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
    assertThat(monitor.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.jaas.config", "x password=\"kp\";");
    assertThat(monitor.registry().basicAuthUser()).contains("u");
    assertThat(monitor.standbyReplicas()).isEqualTo(2);
    assertThat(monitor.streamThreads()).isEqualTo(3);
    assertThat(monitor.stateDir()).isEqualTo(Path.of("/state/monitor"));
    assertThat(monitor.applicationServer()).as("set by MonitorService from advertisedHost").isEmpty();
    assertThat(monitor.topology().historyLimit()).isEqualTo(900);
    assertThat(monitor.topology().realertInterval()).isEqualTo(Duration.ofMinutes(3));
    assertThat(config.advertisedHost()).isEqualTo("10.0.0.9");
    assertThat(config.peerTimeout()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void mapsEveryRule() throws Exception {
    RulesConfig rules = read(EVERY_KEY).monitor().topology().rules();

    assertThat(rules.nonFiniteWeights()).isEqualTo(new RulesConfig.NonFiniteWeights(false, Severity.WARNING));
    assertThat(rules.accuracyCollapse()).isEqualTo(new RulesConfig.AccuracyCollapse(false, 0.3, Severity.INFO));
    assertThat(rules.generalizationGap()).isEqualTo(new RulesConfig.GeneralizationGap(true, 0.4, Severity.CRITICAL));
    assertThat(rules.stagnation())
        .isEqualTo(new RulesConfig.Stagnation(true, 40, 0.01, Severity.WARNING, 800, Severity.CRITICAL));
    assertThat(rules.weightNormExplosion())
        .isEqualTo(new RulesConfig.WeightNormExplosion(true, 4.5, Severity.WARNING));
    assertThat(rules.deadUnits()).isEqualTo(new RulesConfig.DeadUnits(true, 0.75, Severity.CRITICAL));
    assertThat(rules.staleRun()).isEqualTo(
        new RulesConfig.StaleRun(true, Duration.ofHours(2), Severity.CRITICAL, Duration.ofMillis(250), 99));
    assertThat(rules.belowPeers()).isEqualTo(new RulesConfig.BelowPeers(true, 0.1, 5, Severity.INFO, 50));
  }

  @Test
  void mapsTheDashboard() throws Exception {
    assertThat(read(EVERY_KEY).dashboard()).isEqualTo(new DashboardConfig("0.0.0.0", 9090, Optional.of("t0k"),
        Duration.ofSeconds(2), 8, 64, 30));
  }

  @Test
  void mapsTheHooks() throws Exception {
    AlertHooksConfig hooks = read(EVERY_KEY).hooks().orElseThrow();

    assertThat(hooks.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
    assertThat(hooks.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(hooks.registry().urls()).containsExactly(URI.create("https://registry:8081"));
    assertThat(hooks.groupId()).isEqualTo("hooks-7");
    assertThat(hooks.maxAttempts()).isEqualTo(9);
    assertThat(hooks.initialBackoff()).isEqualTo(Duration.ofMillis(100));
    assertThat(hooks.maxBackoff()).isEqualTo(Duration.ofMinutes(1));
    assertThat(hooks.queueCapacity()).isEqualTo(77);
    assertThat(hooks.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(hooks.endpoints()).containsExactly(
        WebhookEndpoint.of("slack", URI.create("https://hooks.slack.com/services/T/B/x"), BodyFormat.SLACK)
            .withMinSeverity(AlertSeverity.CRITICAL),
        WebhookEndpoint.of("ops", URI.create("http://ops:8000/gmn"), BodyFormat.JSON)
            .withSecret("s3cret").withRequestTimeout(Duration.ofSeconds(4)));
  }

  @Test
  void keepsTheTypedDefaultsOfWhatIsLeftOut() throws Exception {
    MonitorServiceConfig config = read("""
        kafka: {bootstrapServers: 'k:9092'}
        registry: {url: 'http://r:8081'}
        monitor: {stateDir: /state}
        rules: {stagnation: {checkpoints: 12}}
        """);

    MonitorServiceConfig defaults = MonitorServiceConfig.defaults("k:9092", config.monitor().registry(),
        Path.of("/state"));
    RulesConfig defaultRules = RulesConfig.defaults();
    assertThat(config.monitor().topology().rules()).isEqualTo(defaultRules.withStagnation(
        new RulesConfig.Stagnation(true, 12, 0.005, Severity.INFO, 20, Severity.WARNING)));
    assertThat(config.monitor().withTopology(defaults.monitor().topology())).isEqualTo(defaults.monitor());
    assertThat(config.dashboard()).isEqualTo(DashboardConfig.defaults());
    assertThat(config.advertisedHost()).isEqualTo(MonitorServiceConfig.DEFAULT_ADVERTISED_HOST);
    assertThat(config.peerTimeout()).isEqualTo(MonitorServiceConfig.DEFAULT_PEER_TIMEOUT);
    assertThat(config.hooks()).isEmpty();
  }

  private MonitorServiceConfig read(String yaml) throws Exception {
    Path file = dir.resolve("monitor.yaml");
    Files.writeString(file, yaml);
    return MonitorConfigs.from(ConfigFileReader.read(file, ENVIRONMENT));
  }
}
