package io.gmnstream.streamjobs.monitor.web;

import io.gmnstream.embedded.kafka.EmbeddedKafkaBroker;
import io.gmnstream.embedded.kafka.TopicSpec;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import io.gmnstream.schemas.serde.AvroSerializer;
import io.gmnstream.streamjobs.monitor.support.EmbeddedStack;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A real broker (KRaft) and schema registry with gmn.scores and gmn.alerts created, and a producer
 * that writes records the way the scorer and the run monitor do (Avro, Confluent wire format).
 */
final class KafkaTestKit implements AutoCloseable {
  static final int PARTITIONS = 2;

  final EmbeddedKafkaBroker broker;
  private final EmbeddedStack stack;
  private final AvroSerializer<SpecificRecord> serializer;
  private final KafkaProducer<byte[], byte[]> producer;

  private KafkaTestKit(EmbeddedStack stack) {
    this.stack = stack;
    this.broker = stack.broker();
    this.serializer = new AvroSerializer<>(stack.client(), true);
    Map<String, Object> props = broker.producerConfig();
    props.put("key.serializer", ByteArraySerializer.class.getName());
    props.put("value.serializer", ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(props);
  }

  /** A broker and registry of its own (the web tests use the default topic names). */
  static KafkaTestKit start() {
    EmbeddedStack stack = EmbeddedStack.start();
    try {
      stack.broker().createTopics(List.of(TopicSpec.of(Topics.SCORES.name(), PARTITIONS),
          TopicSpec.of(Topics.ALERTS.name(), PARTITIONS)));
      return new KafkaTestKit(stack);
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  RegistryClientConfig registryConfig() {
    return stack.registryConfig();
  }

  /** A feed on this broker, not started. */
  LiveFeed feed(int recentAlerts) {
    return new LiveFeed(broker.bootstrapServers(), Map.of(), registryConfig(), recentAlerts);
  }

  /** A started feed, returned once it reads from the end of the topics. */
  LiveFeed liveFeed(int recentAlerts, LiveFeedListener... listeners) throws InterruptedException {
    LiveFeed feed = feed(recentAlerts);
    for (LiveFeedListener listener : listeners) {
      feed.subscribe(listener);
    }
    feed.start();
    if (!feed.awaitLive(Await.TIMEOUT)) {
      feed.close();
      throw new AssertionError("the live feed did not take its start positions: " + feed.state());
    }
    return feed;
  }

  /** Publishes a record keyed by run id and waits until the broker has it. */
  void send(String topic, String runId, SpecificRecord value) throws Exception {
    sendRaw(topic, runId, serializer.serialize(topic, value));
  }

  void sendRaw(String topic, String runId, byte[] value) throws Exception {
    producer.send(new ProducerRecord<>(topic, runId.getBytes(StandardCharsets.UTF_8), value))
        .get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    try {
      producer.close();
    } finally {
      stack.close();
    }
  }
}
