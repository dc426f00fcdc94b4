package io.gmnstream.embedded.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.gmnstream.embedded.kafka.KafkaTestSupport.consumeExactly;
import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedKafkaBrokerTest {
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(KafkaBrokerConfig.defaults());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldCreateTopicsWithRequestedPartitionsAndConfigs() throws Exception {
        Set<String> created = broker.createTopics(List.of(
                TopicSpec.of("spec.runs", 3).asCompacted().withMaxMessageBytes(2_000_000),
                TopicSpec.of("spec.checkpoints", 2).withRetention(Duration.ofHours(2)),
                TopicSpec.of("spec.forever", 1).withInfiniteRetention()));

        assertThat(created).containsExactlyInAnyOrder("spec.runs", "spec.checkpoints", "spec.forever");
        try (Admin admin = broker.createAdmin()) {
            Map<String, TopicDescription> descriptions =
                    admin.describeTopics(List.of("spec.runs", "spec.checkpoints")).allTopicNames().get();
            assertThat(descriptions.get("spec.runs").partitions()).hasSize(3);
            assertThat(descriptions.get("spec.checkpoints").partitions()).hasSize(2);

            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(
                    topic("spec.runs"), topic("spec.checkpoints"), topic("spec.forever"))).all().get();
            Config runs = configs.get(topic("spec.runs"));
            assertThat(runs.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
            assertThat(runs.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()).isEqualTo("2000000");
            Config checkpoints = configs.get(topic("spec.checkpoints"));
            assertThat(checkpoints.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("delete");
            assertThat(checkpoints.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("7200000");
            assertThat(configs.get(topic("spec.forever")).get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
        }
    }

    @Test
    void shouldLeaveExistingTopicsAloneWhenCreatingAgain() {
        broker.createTopics(List.of(TopicSpec.of("spec.twice", 2)));

        Set<String> created = broker.createTopics(List.of(TopicSpec.of("spec.twice", 2), TopicSpec.of("spec.new", 1)));

        assertThat(created).containsExactly("spec.new");
    }

    @Test
    void shouldApplyTheLargeMessageDefaultsToTheBroker() throws Exception {
        try (Admin admin = broker.createAdmin()) {
            ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "1");
            Config config = admin.describeConfigs(List.of(node)).all().get().get(node);
            assertThat(config.get("message.max.bytes").value()).isEqualTo(Integer.toString(16 * 1024 * 1024));
            assertThat(config.get("replica.fetch.max.bytes").value()).isEqualTo(Integer.toString(16 * 1024 * 1024));
            assertThat(config.get("log.cleaner.dedupe.buffer.size").value()).isEqualTo(Integer.toString(8 * 1024 * 1024));
        }
    }

    @Test
    void shouldRoundTripALargeRecord() {
        broker.createTopics(List.of(TopicSpec.of("spec.large", 1)));
        byte[] payload = new byte[12 * 1024 * 1024];
        payload[payload.length - 1] = 42;

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(broker.producerConfig(),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("spec.large", "run-1", payload)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(broker.consumerConfig("large-reader"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<ConsumerRecord<String, byte[]>> records = consumeExactly(consumer, "spec.large", 1);
            assertThat(records.get(0).key()).isEqualTo("run-1");
            assertThat(records.get(0).value()).hasSize(payload.length).endsWith((byte) 42);
        }
    }

    @Test
    void shouldExposeOnlyCommittedTransactionsToReadCommittedConsumers() throws Exception {
        broker.createTopics(List.of(TopicSpec.of("spec.tx", 2)));
        Map<String, Object> producerConfig = broker.producerConfig();
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "spec-tx-writer");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig,
                new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("spec.tx", "run-1", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("spec.tx", "run-1", "committed-1"));
            producer.send(new ProducerRecord<>("spec.tx", "run-2", "committed-2"));
            producer.commitTransaction();
        }

        Map<String, Object> consumerConfig = broker.consumerConfig("tx-reader");
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig,
                new StringDeserializer(), new StringDeserializer())) {
            List<ConsumerRecord<String, String>> records = consumeExactly(consumer, "spec.tx", 2);
            assertThat(records).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("committed-1", "committed-2");
        }
    }

    private static ConfigResource topic(String name) {
        return new ConfigResource(ConfigResource.Type.TOPIC, name);
    }
}
