package io.gmnstream.operator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.operator.score.BatchBounds;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoringServiceConfigTest {
    private static final RegistryClientConfig REGISTRY = RegistryClientConfig.of(URI.create("http://localhost:8085"));
    private static final ScoringServiceConfig DEFAULTS =
            ScoringServiceConfig.defaults("localhost:9092", REGISTRY, Path.of("models", "digits-gmn"));

    @Test
    void defaultsNameTheModelAfterItsFolderAndTheInstanceAfterItsHost() {
        assertThat(DEFAULTS.groupId()).isEqualTo("gmn-operator");
        assertThat(DEFAULTS.transactionalId()).isEqualTo("gmn-operator-" + ScoringServiceConfig.hostName());
        assertThat(DEFAULTS.modelId()).isEqualTo("digits-gmn");
        assertThat(DEFAULTS.batch()).isEqualTo(BatchBounds.DEFAULT);
        assertThat(DEFAULTS.maxBatchWait()).isEqualTo(Duration.ofMillis(20));
        assertThat(DEFAULTS.maxGraphEdges()).isEqualTo(16L * 1024 * 1024);
        assertThat(DEFAULTS.modelReloadInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(DEFAULTS.hotReload()).isTrue();
        assertThat(DEFAULTS.httpPort()).isEqualTo(8081);
        assertThat(DEFAULTS.httpBindAddress()).isEqualTo("0.0.0.0");
        assertThat(DEFAULTS.kafkaProperties()).isEmpty();
    }

    @Test
    void withCopiesChangeOneFieldOnly() {
        ScoringServiceConfig changed = DEFAULTS.withGroupId("g").withTransactionalId("t").withModelId("m")
                .withHttpPort(-1).withModelReloadInterval(Duration.ZERO).withMaxGraphEdges(10)
                .withKafkaProperties(Map.of("security.protocol", "SASL_SSL")).withScoringThreads(3);

        assertThat(changed.groupId()).isEqualTo("g");
        assertThat(changed.transactionalId()).isEqualTo("t");
        assertThat(changed.modelId()).isEqualTo("m");
        assertThat(changed.httpPort()).isEqualTo(-1);
        assertThat(changed.hotReload()).isFalse();
        assertThat(changed.maxGraphEdges()).isEqualTo(10);
        assertThat(changed.scoringThreads()).isEqualTo(3);
        assertThat(DEFAULTS.scoringThreads()).isEqualTo(1);
        assertThat(changed.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(changed.bootstrapServers()).isEqualTo(DEFAULTS.bootstrapServers());
        assertThat(changed.modelDir()).isEqualTo(DEFAULTS.modelDir());
    }

    @Test
    void shouldRefuseBlankNamesNamingTheField() {
        assertThatThrownBy(() -> ScoringServiceConfig.defaults(" ", REGISTRY, Path.of("m")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bootstrapServers must not be blank: Kafka bootstrap servers, e.g. localhost:9092");
        assertThatThrownBy(() -> DEFAULTS.withGroupId(""))
                .hasMessage("groupId must not be blank: the consumer group of the scoring service, e.g. gmn-operator");
        assertThatThrownBy(() -> DEFAULTS.withTransactionalId(null))
                .hasMessage("transactionalId must not be blank: unique per instance and stable across restarts, "
                        + "e.g. gmn-operator-<host name>");
        assertThatThrownBy(() -> DEFAULTS.withModelId(""))
                .hasMessage("modelId must not be blank: the model's id in every score, e.g. the model folder's name");
        assertThatThrownBy(() -> DEFAULTS.withHttpBindAddress(""))
                .hasMessage("httpBindAddress must not be blank: e.g. 0.0.0.0 (all interfaces) or 127.0.0.1");
        assertThatThrownBy(() -> ScoringServiceConfig.defaults("k:9092", null, Path.of("m")))
                .hasMessage("registry must not be null");
        assertThatThrownBy(() -> ScoringServiceConfig.defaults("k:9092", REGISTRY, null))
                .hasMessage("modelDir must not be null");
        assertThatThrownBy(() -> DEFAULTS.withBatch(null)).hasMessage("batch must not be null");
    }

    @Test
    void shouldRefuseNegativeDurationsAndSizes() {
        assertThatThrownBy(() -> DEFAULTS.withMaxBatchWait(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBatchWait must not be negative (ZERO scores what each poll returns at once), got PT-0.001S");
        assertThatThrownBy(() -> DEFAULTS.withModelReloadInterval(Duration.ofSeconds(-1)))
                .hasMessage("modelReloadInterval must not be negative (ZERO disables hot reload), got PT-1S");
        assertThatThrownBy(() -> DEFAULTS.withMaxGraphEdges(0)).hasMessage("maxGraphEdges must be at least 1, got 0");
        assertThatThrownBy(() -> DEFAULTS.withScoringThreads(0)).hasMessage(
                "scoringThreads must be in 1..256 (one model copy each; on a CPU host, its core count), got 0");
    }

    @Test
    void shouldRefuseAPortOutsideTheRange() {
        assertThatThrownBy(() -> DEFAULTS.withHttpPort(65_536))
                .hasMessage("httpPort must be -1 (no HTTP server), 0 (any free port) or a port in 1..65535, got 65536");
        assertThatThrownBy(() -> DEFAULTS.withHttpPort(-2))
                .hasMessage("httpPort must be -1 (no HTTP server), 0 (any free port) or a port in 1..65535, got -2");
        assertThat(DEFAULTS.withHttpPort(0).httpPort()).isZero();
    }

    @Test
    void shouldRefuseKafkaPropertiesThatWouldBreakExactlyOnce() {
        assertThatThrownBy(() -> DEFAULTS.withKafkaProperties(Map.of("isolation.level", "read_uncommitted",
                "enable.auto.commit", "true", "ssl.truststore.location", "/x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kafkaProperties must not set enable.auto.commit, isolation.level: the service sets them "
                        + "itself for exactly-once processing (use the matching config field where there is one: "
                        + "bootstrapServers, groupId, transactionalId)");
        assertThatThrownBy(() -> DEFAULTS.withKafkaProperties(null)).hasMessage("kafkaProperties must not be null");
    }
}
