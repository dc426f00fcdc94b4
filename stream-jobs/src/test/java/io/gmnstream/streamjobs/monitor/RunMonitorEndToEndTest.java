package io.gmnstream.streamjobs.monitor;

import static io.gmnstream.streamjobs.monitor.support.Scores.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.embedded.kafka.TopicSpec;
import io.gmnstream.schemas.avro.AlertSeverity;
import io.gmnstream.schemas.avro.AlertStatus;
import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.schemas.serde.AvroDeserializer;
import io.gmnstream.schemas.serde.AvroSerializer;
import io.gmnstream.streamjobs.monitor.alerts.Severity;
import io.gmnstream.streamjobs.monitor.query.RunSummary;
import io.gmnstream.streamjobs.monitor.rules.RulesConfig;
import io.gmnstream.streamjobs.monitor.support.EmbeddedStack;
import io.gmnstream.streamjobs.monitor.support.Eventually;
import io.gmnstream.streamjobs.monitor.topology.MonitorTopologyConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** RunMonitor on the embedded broker and registry: exactly-once alerts, local queries, and finding a run's instance. */
@ExtendWith(EmbeddedStack.Extension.class)
class RunMonitorEndToEndTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  /** After the expected alerts have arrived, read on this long so that a duplicate would show. */
  private static final Duration SETTLE = Duration.ofSeconds(2);

  @TempDir
  Path workDir;
  private EmbeddedStack stack;

  @BeforeEach
  void setUp(EmbeddedStack stack) {
    this.stack = stack;
  }

  /** Fresh topics per test (the broker is shared); stale_run off, since wall time is not controlled here. */
  private RunMonitorConfig config(String name, int partitions) {
    String scores = name + ".scores";
    String alerts = name + ".alerts";
    stack.broker().createTopics(List.of(TopicSpec.of(scores, partitions), TopicSpec.of(alerts, partitions)));
    RulesConfig rules = RulesConfig.defaults().withStaleRun(new RulesConfig.StaleRun(false, Duration.ofMinutes(5),
        Severity.WARNING, Duration.ofSeconds(30), 10_000));
    return RunMonitorConfig.defaults(stack.broker().bootstrapServers(), stack.registryConfig(), workDir.resolve(name))
        .withApplicationId(name + "-" + UUID.randomUUID())
        .withTopology(MonitorTopologyConfig.defaults().withTopics(scores, alerts).withRules(rules));
  }

  @Test
  void shouldPublishExactlyTheCollapseAlertsAndServeBothRunsLocally() throws Exception {
    RunMonitorConfig config = config("single", 2).withApplicationServer("localhost:17070").withStandbyReplicas(0);
    String scores = config.topology().scoresTopic();
    publish(scores, List.of(
        of("good", 1, 0.60), of("good", 2, 0.70), of("good", 3, 0.75), of("good", 4, 0.80),
        of("collapsing", 1, 0.80).setTask("mnist"), of("collapsing", 2, 0.85).setTask("mnist"),
        of("collapsing", 3, 0.50).setTask("mnist"), of("collapsing", 4, 0.84).setTask("mnist")));

    try (RunMonitor monitor = new RunMonitor(config)) {
      monitor.start();
      List<RunAlert> alerts = readAlerts(config.topology().alertsTopic(), 2);

      assertThat(alerts).hasSize(2);
      assertThat(alerts).allSatisfy(alert -> {
        assertThat(alert.getRunId()).isEqualTo("collapsing");
        assertThat(alert.getRule()).isEqualTo("accuracy_collapse");
        assertThat(alert.getAlertId()).isEqualTo("collapsing/accuracy_collapse/3");
        assertThat(alert.getSeverity()).isEqualTo(AlertSeverity.CRITICAL);
      });
      assertThat(alerts).extracting(RunAlert::getStatus).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
      assertThat(alerts).extracting(RunAlert::getStep).containsExactly(3L, 4L);

      Eventually.await("both runs in the local store", TIMEOUT, () -> monitor.localQueries().runs().size() == 2);
      assertThat(monitor.localQueries().runs()).extracting(RunSummary::runId)
          .containsExactlyInAnyOrder("good", "collapsing");
      assertThat(monitor.localQueries().run("good").orElseThrow().points()).hasSize(4);
      assertThat(monitor.ownerOf("good")).map(KeyQueryMetadata::activeHost)
          .contains(new HostInfo("localhost", 17070));
    }
  }

  @Test
  void shouldPointOwnerOfAtTheInstanceHoldingTheRun() throws Exception {
    RunMonitorConfig base = config("pair", 4);
    RunMonitorConfig first = base.withApplicationServer("localhost:17071");
    RunMonitorConfig second = new RunMonitorConfig(base.applicationId(), base.bootstrapServers(), base.registry(),
        base.kafkaProperties(), base.standbyReplicas(), base.streamThreads(), workDir.resolve("pair-2"),
        Optional.of(new HostInfo("localhost", 17072)), base.topology());
    List<String> runs = List.of("run-1", "run-2", "run-3", "run-4", "run-5", "run-6", "run-7", "run-8");
    List<GmnScore.Builder> scores = new ArrayList<>();
    runs.forEach(run -> scores.add(of(run, 1, 0.7)));
    publish(base.topology().scoresTopic(), scores);

    try (RunMonitor one = new RunMonitor(first); RunMonitor two = new RunMonitor(second)) {
      one.start();
      two.start();
      Eventually.await("both instances running, sharing the runs, every run held by one of them", TIMEOUT, () -> {
        int held = one.localQueries().runs().size();
        int heldByTwo = two.localQueries().runs().size();
        return one.streams().state() == KafkaStreams.State.RUNNING && two.streams().state() == KafkaStreams.State.RUNNING
            && held > 0 && heldByTwo > 0 && held + heldByTwo == runs.size();
      });

      for (String run : runs) {
        RunMonitor holder = one.localQueries().run(run).isPresent() ? one : two;
        RunMonitor other = holder == one ? two : one;
        HostInfo expected = holder == one ? new HostInfo("localhost", 17071) : new HostInfo("localhost", 17072);
        assertThat(other.localQueries().run(run)).as("%s is active on one instance only", run).isEmpty();
        assertThat(one.ownerOf(run)).as("owner of %s seen from the first instance", run)
            .map(KeyQueryMetadata::activeHost).contains(expected);
        assertThat(two.ownerOf(run)).as("owner of %s seen from the second instance", run)
            .map(KeyQueryMetadata::activeHost).contains(expected);
      }
    }
  }

  private void publish(String topic, List<GmnScore.Builder> scores) throws Exception {
    Map<String, Object> props = stack.broker().producerConfig();
    try (KafkaProducer<String, GmnScore> producer = new KafkaProducer<>(props, new StringSerializer(),
        new AvroSerializer<>(stack.client(), true))) {
      for (GmnScore.Builder score : scores) {
        GmnScore built = score.build();
        producer.send(new ProducerRecord<>(topic, null, built.getScoredAtMillis().toEpochMilli(), built.getRunId(),
            built)).get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Reads committed alerts until {@code expected} have arrived, then for {@link #SETTLE} more. */
  private List<RunAlert> readAlerts(String topic, int expected) {
    Map<String, Object> props = stack.broker().consumerConfig("alerts-reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<RunAlert> alerts = new ArrayList<>();
    try (KafkaConsumer<String, RunAlert> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new AvroDeserializer<>(RunAlert.class, stack.client()))) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plus(TIMEOUT);
      Instant settledAt = null;
      while (Instant.now().isBefore(settledAt != null ? settledAt : deadline)) {
        for (ConsumerRecord<String, RunAlert> record : consumer.poll(Duration.ofMillis(200))) {
          assertThat(record.key()).isEqualTo(record.value().getRunId());
          alerts.add(record.value());
        }
        if (settledAt == null && alerts.size() >= expected) {
          settledAt = Instant.now().plus(SETTLE);
        }
      }
    }
    return alerts;
  }
}
