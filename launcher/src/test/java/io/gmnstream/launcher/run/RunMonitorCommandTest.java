package io.gmnstream.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.launcher.ExitCodes;
import io.gmnstream.launcher.GmnStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run monitor --config FILE --check}: the shipped example, refusals naming the key, redaction. */
class RunMonitorCommandTest {
  static final Path SHIPPED = Path.of("..", "deploy", "config", "monitor.yaml");
  /** What the pod spec of deploy/config/monitor.yaml provides; each secret is distinct so a leak is caught. */
  static final Map<String, String> POD_ENVIRONMENT = Map.of(
      "POD_IP", "10.1.2.3",
      "KAFKA_PASSWORD", "kafka-secret-1",
      "KAFKA_TRUSTSTORE_PASSWORD", "truststore-secret-2",
      "REGISTRY_PASSWORD", "registry-secret-3",
      "GMN_DASHBOARD_TOKEN", "dashboard-token-4",
      "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T000/B000/slack-token-5",
      "GMN_WEBHOOK_SECRET", "webhook-secret-6");
  static final String MINIMAL = "kafka: {bootstrapServers: 'k:9092'}\nregistry: {url: 'http://r:8081'}\n"
      + "monitor: {stateDir: /tmp/gmn-monitor-state}\n";

  @TempDir Path dir;

  @Test
  void checksTheShippedConfigWithoutConnecting() {
    RunCli run = RunCli.of(POD_ENVIRONMENT, "monitor", "--config", SHIPPED.toString(), "--check");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("monitor: RunMonitorConfig[applicationId=gmn-run-monitor")
        .contains("kafka-0.kafka:9092", "standbyReplicas=1", "stateDir=/var/lib/gmn-monitor")
        .contains("advertisedHost=10.1.2.3", "bindAddress=0.0.0.0", "port=8080")
        .contains("name=slack-oncall", "format=SLACK", "minSeverity=WARNING", "name=incidents")
        .contains("maxAttempts=5");
  }

  @Test
  void isACommandOfTheCli() throws Exception {
    Path file = write(MINIMAL);
    StringWriter out = new StringWriter();

    int exitCode = GmnStream.commandLine().setOut(new PrintWriter(out, true))
        .execute("run", "monitor", "--config", file.toString(), "--check");

    assertThat(exitCode).isZero();
    assertThat(out.toString()).contains("stateDir=/tmp/gmn-monitor-state").contains("hooks: none");
  }

  @Test
  void printsNoSecret() {
    RunCli run = RunCli.of(POD_ENVIRONMENT, "monitor", "--config", SHIPPED.toString(), "--check");

    assertThat(run.exitCode()).as(run.err()).isZero();
    for (String secret : POD_ENVIRONMENT.values()) {
      if (!secret.equals("10.1.2.3")) {
        assertThat(run.out() + run.err()).as(secret).doesNotContain(secret);
      }
    }
    assertThat(run.out()).doesNotContain("hooks.slack.com/services").contains("bearerToken=<hidden>");
  }

  @Test
  void printsNoSecretWrittenInTheFileItself() throws Exception {
    Path file = write(MINIMAL.replace("kafka: {bootstrapServers: 'k:9092'}",
            "kafka: {bootstrapServers: 'k:9092', properties: {sasl.jaas.config: 'x password=\"plain-kafka\";',"
                + " ssl.key.password: plain-key}}")
        + "dashboard: {bearerToken: plaintoken}\n"
        + "hooks: {endpoints: [{name: ops, url: 'https://ops.example.com/hook?key=plainquery',"
        + " secret: plainsecret}]}\n");

    RunCli run = RunCli.of(Map.of(), "monitor", "--config", file.toString(), "--check");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).doesNotContain("plain").contains("name=ops");
  }

  @Test
  void namesAnUnknownKey() throws Exception {
    Path file = write(MINIMAL + "rules: {stagnation: {checkpoint: 5}}\n");

    RunCli run = RunCli.of(Map.of(), "monitor", "--config", file.toString(), "--check");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("unknown key 'rules.stagnation.checkpoint'").contains("checkpoints");
  }

  @Test
  void namesAnUnknownKeyOfAWebhook() throws Exception {
    Path file = write(MINIMAL + "hooks: {endpoints: [{name: ops, url: 'https://ops.example.com/', secrett: x}]}\n");

    RunCli run = RunCli.of(Map.of(), "monitor", "--config", file.toString(), "--check");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("unknown key 'hooks.endpoints[0].secrett'");
  }

  @Test
  void namesTheKeyOfABadValue() throws Exception {
    assertRefused("monitor: {stateDir: /tmp/s, realertInterval: soon}\n",
        "monitor.realertInterval: 'soon' is not a duration");
    assertRefused("monitor: {stateDir: /tmp/s, standbyReplicas: 17}\n",
        "monitor.standbyReplicas must be in [0, 16], got 17");
    assertRefused("monitor: {stateDir: /tmp/s, advertisedHost: 'pod:8080'}\n", "monitor.advertisedHost must be");
    assertRefused("monitor: {stateDir: /tmp/s}\nrules: {deadUnits: {severity: urgent}}\n",
        "rules.deadUnits.severity must be one of [INFO, WARNING, CRITICAL], got 'urgent'");
    assertRefused("monitor: {stateDir: /tmp/s}\nrules: {stagnation: {escalationCheckpoints: 5}}\n",
        "rules.stagnation.escalationCheckpoints must be above rules.stagnation.checkpoints (10)");
    assertRefused("monitor: {stateDir: /tmp/s, historyLimit: 20}\n",
        "monitor.historyLimit must be above rules.stagnation.escalationCheckpoints (20)");
    assertRefused("monitor: {stateDir: /tmp/s}\ndashboard: {port: eighty}\n", "dashboard.port");
    assertRefused("monitor: {stateDir: /tmp/s}\ndashboard: {port: 70000}\n", "dashboard.port must be in [0, 65535]");
    assertRefused("monitor: {stateDir: /tmp/s}\nhooks: {endpoints: [{name: a, url: 'https://a.example.com/', "
        + "format: xml}]}\n", "hooks.endpoints[0].format must be JSON or SLACK, got 'xml'");
    assertRefused("monitor: {stateDir: /tmp/s}\nhooks: {endpoints: [{name: a, url: 'ftp://a.example.com/'}]}\n",
        "hooks.endpoints[0]: WebhookEndpoint 'a'.url must be an http or https URL");
    assertRefused("monitor: {stateDir: /tmp/s}\nhooks: {maxAttempts: 0, endpoints: [{name: a, url: 'https://a/'}]}\n",
        "hooks: AlertHooksConfig.maxAttempts must be in [1, 100]");
    assertRefused("monitor: {stateDir: /tmp/s}\nhooks: {groupId: g}\n", "hooks.endpoints: ");
  }

  @Test
  void requiresTheStateDir() throws Exception {
    assertRefused("monitor: {applicationId: m}\n", "monitor.stateDir is required");
  }

  @Test
  void namesTheKeyOfAnUnsetEnvironmentVariable() throws Exception {
    RunCli run = RunCli.of(Map.of("POD_IP", "10.1.2.3"), "monitor", "--config", SHIPPED.toString(), "--check");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("kafka.properties.sasl.jaas.config: environment variable KAFKA_PASSWORD is not set");
  }

  private void assertRefused(String sections, String message) throws Exception {
    Path file = write("kafka: {bootstrapServers: 'k:9092'}\nregistry: {url: 'http://r:8081'}\n" + sections);

    RunCli run = RunCli.of(Map.of(), "monitor", "--config", file.toString(), "--check");

    assertThat(run.exitCode()).as(sections).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).as(sections).startsWith("gmn-stream run: ").contains(message);
  }

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("monitor.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
