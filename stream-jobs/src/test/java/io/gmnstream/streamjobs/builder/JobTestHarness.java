package io.gmnstream.streamjobs.builder;

import io.gmnstream.embedded.kafka.EmbeddedKafkaBroker;
import io.gmnstream.embedded.kafka.KafkaBrokerConfig;
import io.gmnstream.embedded.kafka.TopicSpec;
import io.gmnstream.embedded.registry.EmbeddedSchemaRegistry;
import io.gmnstream.embedded.registry.SchemaRegistryConfig;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.DeadLetter;
import io.gmnstream.schemas.avro.ParamGraph;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.serde.AvroDeserializer;
import io.gmnstream.schemas.serde.AvroSerializer;
import io.gmnstream.streamjobs.flink.EmbeddedFlink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A real broker, registry and Flink cluster with the topics created; publishes inputs and reads outputs. */
final class JobTestHarness implements AutoCloseable {

  /** A record as published: where it landed and its exact bytes. */
  record Sent(String topic, int partition, long offset, byte[] key, byte[] value) {}

  /** What the job wrote, read with isolation.level=read_committed. */
  record Outputs(List<ParamGraph> graphs, List<DeadLetter> deadLetters) {}

  final EmbeddedKafkaBroker broker;
  final EmbeddedSchemaRegistry registry;
  final SchemaRegistryClient client;
  final EmbeddedFlink flink;
  private final KafkaProducer<byte[], byte[]> producer;
  private final AvroSerializer<SpecificRecord> serializer;

  private JobTestHarness(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, EmbeddedFlink flink) {
    this.broker = broker;
    this.registry = registry;
    this.flink = flink;
    this.client = SchemaRegistryClient.connect(registryConfig());
    this.serializer = new AvroSerializer<>(client, true);
    Map<String, Object> props = broker.producerConfig();
    props.put("key.serializer", ByteArraySerializer.class.getName());
    props.put("value.serializer", ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(props);
  }

  static JobTestHarness start(Path workDir, int partitions, int taskSlots) throws Exception {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(KafkaBrokerConfig.defaults());
    EmbeddedSchemaRegistry registry = null;
    try {
      broker.createTopics(List.of(
          TopicSpec.of(Topics.RUNS.name(), partitions).asCompacted(),
          TopicSpec.of(Topics.CHECKPOINTS.name(), partitions),
          TopicSpec.of(Topics.GRAPHS.name(), partitions),
          TopicSpec.of(Topics.DEAD_LETTERS.name(), partitions)));
      registry = EmbeddedSchemaRegistry.start(SchemaRegistryConfig.defaults(broker.bootstrapServers()));
      return new JobTestHarness(broker, registry, EmbeddedFlink.start(workDir, taskSlots));
    } catch (Exception e) {
      if (registry != null) {
        registry.close();
      }
      broker.close();
      throw e;
    }
  }

  RegistryClientConfig registryConfig() {
    return RegistryClientConfig.of(registry.url());
  }

  GraphBuilderConfig config() {
    return GraphBuilderConfig.defaults(broker.bootstrapServers(), registryConfig());
  }

  byte[] encode(String topic, SpecificRecord value) {
    return serializer.serialize(topic, value);
  }

  Sent send(String topic, String key, SpecificRecord value) throws Exception {
    return sendRaw(topic, key, encode(topic, value));
  }

  Sent sendRaw(String topic, String key, byte[] value) throws Exception {
    byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    RecordMetadata metadata = producer.send(new ProducerRecord<>(topic, keyBytes, value)).get(30, TimeUnit.SECONDS);
    return new Sent(topic, metadata.partition(), metadata.offset(), keyBytes, value);
  }

  /**
   * Reads gmn.graphs and gmn.dead-letters from the start until at least the expected numbers have
   * arrived (or the timeout passes), then reads on for {@code settle} so that duplicates would show.
   */
  Outputs readOutputs(int graphs, int deadLetters, Duration timeout, Duration settle) {
    Map<String, Object> props = broker.consumerConfig("test-reader-" + System.nanoTime());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    var graphReader = new AvroDeserializer<>(ParamGraph.class, client);
    var letterReader = new AvroDeserializer<>(DeadLetter.class, client);
    List<ParamGraph> graphList = new ArrayList<>();
    List<DeadLetter> letterList = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(Topics.GRAPHS.name(), Topics.DEAD_LETTERS.name()));
      Instant deadline = Instant.now().plus(timeout);
      Instant settledAt = null;
      while (Instant.now().isBefore(settledAt != null ? settledAt : deadline)) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.topic().equals(Topics.GRAPHS.name())) {
            graphList.add(graphReader.deserialize(record.topic(), record.value()));
          } else {
            letterList.add(letterReader.deserialize(record.topic(), record.value()));
          }
        }
        if (settledAt == null && graphList.size() >= graphs && letterList.size() >= deadLetters) {
          settledAt = Instant.now().plus(settle);
        }
      }
    }
    return new Outputs(graphList, letterList);
  }

  /** Closes producer, client, Flink, registry and broker, in that order, each even if one before failed. */
  @Override
  public void close() {
    try {
      producer.close();
      client.close();
    } finally {
      try {
        flink.close();
      } finally {
        try {
          registry.close();
        } finally {
          broker.close();
        }
      }
    }
  }
}
