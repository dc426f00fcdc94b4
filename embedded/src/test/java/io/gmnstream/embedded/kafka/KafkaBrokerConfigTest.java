package io.gmnstream.embedded.kafka;

import io.gmnstream.embedded.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaBrokerConfigTest {

    @Test
    void shouldDefaultToFreePortsATempDirAnd16MibMessages() {
        KafkaBrokerConfig config = KafkaBrokerConfig.defaults();

        assertThat(config.dataDir()).isEmpty();
        assertThat(config.brokerPort()).isZero();
        assertThat(config.maxMessageBytes()).isEqualTo(16 * 1024 * 1024);
        assertThat(config.cleanerDedupeBufferBytes()).isEqualTo(8 * 1024 * 1024);
    }

    @Test
    void shouldRejectAnOutOfRangePortNamingTheKey() {
        assertThatThrownBy(() -> KafkaBrokerConfig.builder().brokerPort(70_000).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("brokerPort")
                .hasMessageContaining("between 0 and 65535")
                .hasMessageContaining("70000");
    }

    @Test
    void shouldRejectTheSameFixedPortForBrokerAndController() {
        assertThatThrownBy(() -> KafkaBrokerConfig.builder().brokerPort(9092).controllerPort(9092).build())
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("controllerPort"));
    }

    @Test
    void shouldRejectADedupeBufferBelowKafkasMinimum() {
        assertThatThrownBy(() -> KafkaBrokerConfig.builder().cleanerDedupeBufferBytes(1000).build())
                .hasMessageContaining("cleanerDedupeBufferBytes");
    }

    @Test
    void shouldRejectANonPositiveStartupTimeout() {
        assertThatThrownBy(() -> KafkaBrokerConfig.builder().startupTimeout(Duration.ZERO).build())
                .hasMessageContaining("startupTimeout");
    }

    @Test
    void shouldRejectIllegalTopicSpecs() {
        assertThatThrownBy(() -> TopicSpec.of("bad name!", 1)).hasMessageContaining("legal Kafka topic name");
        assertThatThrownBy(() -> TopicSpec.of("ok", 0)).hasMessageContaining("partitions");
        assertThatThrownBy(() -> TopicSpec.of("ok", 1).withRetention(Duration.ZERO)).hasMessageContaining("retentionMs");
    }
}
