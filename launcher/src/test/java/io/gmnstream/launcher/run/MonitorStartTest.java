package io.gmnstream.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.pipeline.LocalStack;
import io.gmnstream.streamjobs.monitor.service.MonitorService;
import io.gmnstream.streamjobs.monitor.service.MonitorServiceConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code run monitor} does after {@code --check}, in process against the embedded broker and
 * registry: the service starts from a config file, its dashboard answers /healthz, and a stop (what
 * SIGTERM triggers) closes it cleanly.
 */
class MonitorStartTest {
  private static LocalStack stack;

  @TempDir Path dir;

  @BeforeAll
  static void startStack() {
    stack = LocalStack.start(1);
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  @Test
  void startsServesHealthzAndStopsCleanly() throws Exception {
    Path file = dir.resolve("monitor.yaml");
    Files.writeString(file, """
        kafka: {bootstrapServers: '%s'}
        registry: {url: '%s'}
        monitor: {stateDir: '%s', standbyReplicas: 0}
        dashboard: {port: 0, bearerToken: t0k}
        """.formatted(stack.broker().bootstrapServers(), stack.registryUrl(), dir.resolve("state")));
    MonitorServiceConfig config = MonitorConfigs.from(ConfigFileReader.read(file, Map.of()));

    MonitorService service = MonitorService.start(config);
    HealthWatch watch = new HealthWatch("the run monitor", service, service::isHealthy,
        () -> RunCommand.healthDetails(service), Duration.ofMillis(100));
    CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
      try {
        watch.awaitStop();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });

    HttpResponse<String> health = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(service.dashboardUrl()).resolve("/healthz")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body()).contains("UP");
    assertThat(running).as("still running while healthy").isNotDone();

    watch.stop();
    running.get(30, TimeUnit.SECONDS);
    assertThat(service.isHealthy()).as("closed").isFalse();
  }
}
