package io.gmnstream.streamjobs.hooks;

import static io.gmnstream.streamjobs.hooks.ScriptedWebhookServer.blockUntil;
import static io.gmnstream.streamjobs.hooks.ScriptedWebhookServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmnstream.embedded.kafka.EmbeddedKafkaBroker;
import io.gmnstream.embedded.kafka.KafkaBrokerConfig;
import io.gmnstream.embedded.kafka.TopicSpec;
import io.gmnstream.embedded.registry.EmbeddedSchemaRegistry;
import io.gmnstream.embedded.registry.SchemaRegistryConfig;
import io.gmnstream.schemas.avro.AlertSeverity;
import io.gmnstream.schemas.avro.AlertStatus;
import io.gmnstream.schemas.avro.DeadLetter;
import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.serde.AvroDeserializer;
import io.gmnstream.schemas.serde.AvroSerializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service end to end: a real broker and registry, alerts produced with the project's Avro
 * serializer, and a real local HTTP server as every webhook. Each test has its own topics and group.
 */
class AlertHooksTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final Instant NOW = Instant.parse("2025-03-01T13:00:00Z");
  private static final AtomicInteger TEST_IDS = new AtomicInteger();

  private static EmbeddedKafkaBroker broker;
  private static EmbeddedSchemaRegistry registry;
  private static SchemaRegistryClient registryClient;
  private static KafkaProducer<byte[], byte[]> producer;

  private final ObjectMapper mapper = new ObjectMapper();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private ScriptedWebhookServer server;
  private String alertsTopic;
  private String deadLetterTopic;
  private String groupId;

  @BeforeAll
  static void startBrokerAndRegistry() {
    broker = EmbeddedKafkaBroker.start(KafkaBrokerConfig.defaults());
    registry = EmbeddedSchemaRegistry.start(SchemaRegistryConfig.defaults(broker.bootstrapServers()));
    registryClient = SchemaRegistryClient.connect(RegistryClientConfig.of(registry.url()));
    Map<String, Object> props = broker.producerConfig();
    props.put("key.serializer", ByteArraySerializer.class.getName());
    props.put("value.serializer", ByteArraySerializer.class.getName());
    producer = new KafkaProducer<>(props);
  }

  @AfterAll
  static void stopBrokerAndRegistry() {
    producer.close();
    registryClient.close();
    registry.close();
    broker.close();
  }

  @BeforeEach
  void createTopicsAndServer() {
    int id = TEST_IDS.incrementAndGet();
    alertsTopic = "test.alerts." + id;
    deadLetterTopic = "test.dead-letters." + id;
    groupId = "test-hooks-" + id;
    broker.createTopics(List.of(TopicSpec.of(alertsTopic, 2), TopicSpec.of(deadLetterTopic, 1)));
    server = ScriptedWebhookServer.start();
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
    server.close();
  }

  @Test
  void shouldDeliverAlertsAndDeadLetterFailuresWhenRunningOnABroker() throws Exception {
    WebhookEndpoint json = endpoint("/json", BodyFormat.JSON).withSecret("s3cret");
    WebhookEndpoint slack = endpoint("/slack", BodyFormat.SLACK).withMinSeverity(AlertSeverity.CRITICAL);
    WebhookEndpoint down = endpoint("/down", BodyFormat.JSON);
    server.script("/down", IntStream.range(0, 20).mapToObj(i -> status(500))
        .toArray(ScriptedWebhookServer.Reply[]::new));
    List<Sent> alerts = List.of(
        send(0, TestAlerts.critical("a-1")),
        send(0, TestAlerts.alert("a-2", AlertSeverity.WARNING, AlertStatus.FIRING)),
        send(0, TestAlerts.alert("a-1", AlertSeverity.CRITICAL, AlertStatus.RESOLVED)));
    Sent corrupt = sendRaw(0, "not an avro record".getBytes(StandardCharsets.UTF_8));

    start(config(List.of(json, slack, down)).withRetries(2, Duration.ofMillis(10), Duration.ofMillis(50)));

    List<ScriptedWebhookServer.Received> received = server.awaitReceived("/json", 3, DEADLINE);
    assertThat(received).extracting(r -> mapper.readTree(r.body()).get("alertId").asText() + "/"
        + mapper.readTree(r.body()).get("status").asText())
        .containsExactly("a-1/FIRING", "a-2/FIRING", "a-1/RESOLVED");
    assertThat(received).allSatisfy(r -> assertThat(
        WebhookSignature.verify("s3cret", r.body(), r.header(WebhookHeaders.SIGNATURE))).isTrue());
    assertThat(server.awaitReceived("/slack", 2, DEADLINE))
        .extracting(r -> mapper.readTree(r.body()).get("text").asText())
        .satisfiesExactly(
            text -> assertThat(text).startsWith("[CRITICAL]"),
            text -> assertThat(text).startsWith("[RESOLVED]"));

    List<DeadLetter> letters = readDeadLetters(4);
    assertThat(letters).filteredOn(l -> l.getReason() == DeadLetterReason.DELIVERY_FAILED)
        .hasSize(3)
        .allSatisfy(l -> {
          assertThat(l.getDetail()).contains("webhook 'down'", "after 2 attempts", "HTTP 500");
          assertThat(l.getComponent()).isEqualTo("alert-hooks");
          assertThat(l.getFailedAtMillis()).isEqualTo(NOW);
        })
        .extracting(l -> bytes(l.getValue()))
        .containsExactlyInAnyOrderElementsOf(alerts.stream().map(Sent::value).toList());
    DeadLetter undecodable = letters.stream()
        .filter(l -> l.getReason() != DeadLetterReason.DELIVERY_FAILED).findFirst().orElseThrow();
    assertThat(undecodable.getReason()).isEqualTo(DeadLetterReason.BAD_MAGIC_BYTE);
    assertThat(bytes(undecodable.getValue())).isEqualTo(corrupt.value());
    assertThat(undecodable.getSourceTopic()).isEqualTo(alertsTopic);
    assertThat(undecodable.getSourceOffset()).isEqualTo(corrupt.offset());
    assertThat(server.received("/down")).hasSize(6);
    awaitCommitted(0, 4);
  }

  @Test
  void shouldCommitOnlyDeliveredAlertsAndRedeliverTheRestAfterRestart() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    toClose.add(release::countDown);
    WebhookEndpoint gate = endpoint("/gate", BodyFormat.JSON)
        .withMinSeverity(AlertSeverity.CRITICAL).withRequestTimeout(Duration.ofMinutes(1));
    WebhookEndpoint open = endpoint("/open", BodyFormat.JSON);
    server.script("/gate", blockUntil(release));
    send(0, TestAlerts.critical("blocked"));
    send(1, TestAlerts.alert("info", AlertSeverity.INFO, AlertStatus.FIRING));
    AlertHooksConfig config = config(List.of(gate, open));

    AlertHooks first = start(config);
    ScriptedWebhookServer.Received blocked = server.awaitReceived("/gate", 1, DEADLINE).get(0);
    awaitCommitted(1, 1);
    assertThat(Optional.ofNullable(committed().get(new TopicPartition(alertsTopic, 0)))
        .map(OffsetAndMetadata::offset).orElse(0L))
        .as("partition 0 is not committed past its blocked delivery").isZero();
    first.close();
    start(config);

    List<ScriptedWebhookServer.Received> gateRequests = server.awaitReceived("/gate", 2, DEADLINE);
    assertThat(gateRequests.get(1).header(WebhookHeaders.DELIVERY))
        .as("same delivery id after the restart").isEqualTo(blocked.header(WebhookHeaders.DELIVERY));
    awaitCommitted(0, 1);
  }

  @Test
  void shouldPauseAndResumeWhenAnEndpointQueueIsFull() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    toClose.add(release::countDown);
    WebhookEndpoint gate = endpoint("/gate", BodyFormat.JSON).withRequestTimeout(Duration.ofMinutes(1));
    server.script("/gate", blockUntil(release));
    for (int i = 0; i < 4; i++) {
      send(0, TestAlerts.critical("a-" + i));
    }

    AlertHooks hooks = start(config(List.of(gate)).withQueueCapacity(1));
    server.awaitReceived("/gate", 1, DEADLINE);
    await("the full queue pauses the partition", () -> pauses("gate") >= 1);
    assertThat(hooks.isRunning()).isTrue();
    release.countDown();

    assertThat(server.awaitReceived("/gate", 4, DEADLINE))
        .extracting(r -> mapper.readTree(r.body()).get("alertId").asText())
        .containsExactly("a-0", "a-1", "a-2", "a-3");
    awaitCommitted(0, 4);
    assertThat(hooks.failure()).isEmpty();
  }

  private record Sent(int partition, long offset, byte[] value) {}

  private AlertHooksConfig config(List<WebhookEndpoint> endpoints) {
    return AlertHooksConfig.defaults(broker.bootstrapServers(), RegistryClientConfig.of(registry.url()), endpoints)
        .withGroupId(groupId)
        .withTopics(alertsTopic, deadLetterTopic)
        .withJitterSeed(7)
        .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private AlertHooks start(AlertHooksConfig config) {
    AlertHooks hooks = AlertHooks.start(config, meters);
    toClose.add(hooks);
    return hooks;
  }

  private WebhookEndpoint endpoint(String path, BodyFormat format) {
    return WebhookEndpoint.of(path.substring(1), server.url(path), format);
  }

  private Sent send(int partition, RunAlert alert) throws Exception {
    try (AvroSerializer<RunAlert> serializer = new AvroSerializer<>(registryClient, true)) {
      return sendRaw(partition, serializer.serialize(alertsTopic, alert));
    }
  }

  private Sent sendRaw(int partition, byte[] value) throws Exception {
    byte[] key = "run-7".getBytes(StandardCharsets.UTF_8);
    long offset = producer.send(new ProducerRecord<>(alertsTopic, partition, key, value))
        .get(30, TimeUnit.SECONDS).offset();
    return new Sent(partition, offset, value);
  }

  private List<DeadLetter> readDeadLetters(int expected) {
    Map<String, Object> props = broker.consumerConfig("test-reader-" + groupId);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<DeadLetter> letters = new ArrayList<>();
    Instant deadline = Instant.now().plus(DEADLINE);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
        AvroDeserializer<DeadLetter> deserializer = new AvroDeserializer<>(DeadLetter.class, registryClient)) {
      consumer.subscribe(List.of(deadLetterTopic));
      while (letters.size() < expected && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          letters.add(deserializer.deserialize(record.topic(), record.value()));
        }
      }
    }
    assertThat(letters).as("dead letters within %s", DEADLINE).hasSize(expected);
    return letters;
  }

  private Map<TopicPartition, OffsetAndMetadata> committed() throws Exception {
    try (Admin admin = broker.createAdmin()) {
      return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private void awaitCommitted(int partition, long offset) throws Exception {
    TopicPartition topicPartition = new TopicPartition(alertsTopic, partition);
    await("offset " + offset + " committed on " + topicPartition, () -> {
      try {
        OffsetAndMetadata committed = committed().get(topicPartition);
        return committed != null && committed.offset() == offset;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private double pauses(String endpoint) {
    return Optional.ofNullable(meters.find("gmn.hooks.backpressure.pauses").tag("endpoint", endpoint).counter())
        .map(Counter::count).orElse(0.0);
  }

  /** Polls until the condition holds; fails at the deadline. */
  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
