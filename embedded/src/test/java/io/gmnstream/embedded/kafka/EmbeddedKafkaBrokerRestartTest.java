package io.gmnstream.embedded.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.gmnstream.embedded.kafka.KafkaTestSupport.consumeExactly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedKafkaBrokerRestartTest {

    @Test
    void shouldKeepClusterIdTopicsAndRecordsWhenRestartedOnTheSameDataDir(@TempDir Path dataDir) throws Exception {
        KafkaBrokerConfig config = KafkaBrokerConfig.builder().dataDir(dataDir).build();
        String clusterId;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(config)) {
            clusterId = first.clusterId();
            first.createTopics(List.of(TopicSpec.of("restart.topic", 2)));
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(first.producerConfig(),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("restart.topic", "run-1", "before-restart")).get();
            }
        }

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(config)) {
            assertThat(second.clusterId()).isEqualTo(clusterId);
            assertThat(second.createTopics(List.of(TopicSpec.of("restart.topic", 2)))).isEmpty();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(second.consumerConfig("restart-reader"),
                    new StringDeserializer(), new StringDeserializer())) {
                List<ConsumerRecord<String, String>> records = consumeExactly(consumer, "restart.topic", 1);
                assertThat(records.get(0).value()).isEqualTo("before-restart");
            }
        }
        assertThat(dataDir).isDirectory();
    }

    @Test
    void shouldDeleteTheTemporaryDataDirOnCloseAndIgnoreASecondClose() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(KafkaBrokerConfig.defaults());
        Path dataDir = broker.dataDir();
        assertThat(Files.isDirectory(dataDir)).isTrue();

        broker.close();
        broker.close();

        assertThat(dataDir).doesNotExist();
        assertThatThrownBy(broker::bootstrapServers).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
