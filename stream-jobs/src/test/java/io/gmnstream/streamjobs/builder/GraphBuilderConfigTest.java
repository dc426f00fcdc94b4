package io.gmnstream.streamjobs.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import io.gmnstream.streamjobs.blob.BlobFetchConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphBuilderConfigTest {

  static final RegistryClientConfig REGISTRY = RegistryClientConfig.of(URI.create("http://127.0.0.1:8081"));
  final GraphBuilderConfig defaults = GraphBuilderConfig.defaults("127.0.0.1:9092", REGISTRY);

  @Test
  void shouldUseTheDocumentedDefaults() {
    assertThat(defaults.kafkaProperties()).isEmpty();
    assertThat(defaults.groupId()).isEqualTo("gmn-graph-builder");
    assertThat(defaults.parallelism()).isEqualTo(1);
    assertThat(defaults.checkpointInterval()).isEqualTo(Duration.ofMillis(200));
    assertThat(defaults.blobs().allowedPrefixes()).isEmpty();
    assertThat(defaults.blobs().maxBlobBytes()).isEqualTo(256L << 20);
    assertThat(defaults.maxPendingPerRun()).isEqualTo(64);
    assertThat(defaults.pendingTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(defaults.limits()).isEqualTo(GraphLimits.defaults());
    assertThat(defaults.transactionalIdPrefix()).isEqualTo("gmn-graph-builder");
    assertThat(defaults.transactionTimeout()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void shouldCopyWithOneFieldChanged() {
    GraphBuilderConfig changed = defaults.withParallelism(4).withGroupId("g").withMaxPendingPerRun(3)
        .withPendingTimeout(Duration.ofSeconds(2)).withCheckpointInterval(Duration.ofSeconds(1))
        .withTransactionalIdPrefix("t").withTransactionTimeout(Duration.ofMinutes(1))
        .withLimits(GraphLimits.defaults().withMaxParameters(10)).withBootstrapServers("h:1")
        .withRegistry(RegistryClientConfig.of(URI.create("http://r:1")))
        .withKafkaProperties(Map.of("security.protocol", "SASL_SSL"))
        .withBlobs(BlobFetchConfig.defaults().withAllowedPrefixes(List.of("https://blobs.example.com/c/")));

    assertThat(changed.parallelism()).isEqualTo(4);
    assertThat(changed.groupId()).isEqualTo("g");
    assertThat(changed.maxPendingPerRun()).isEqualTo(3);
    assertThat(changed.pendingTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(changed.checkpointInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(changed.transactionalIdPrefix()).isEqualTo("t");
    assertThat(changed.transactionTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(changed.limits().maxParameters()).isEqualTo(10);
    assertThat(changed.bootstrapServers()).isEqualTo("h:1");
    assertThat(changed.registry().urls()).containsExactly(URI.create("http://r:1"));
    assertThat(changed.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(changed.blobs().allowedPrefixes()).containsExactly("https://blobs.example.com/c/");
  }

  @Test
  void shouldRefuseBadValuesNamingTheField() {
    assertRefused(() -> defaults.withBootstrapServers(" "),
        "GraphBuilderConfig.bootstrapServers must not be blank: host:port[,host:port...], e.g. localhost:9092");
    assertRefused(() -> defaults.withGroupId(""),
        "GraphBuilderConfig.groupId must not be blank: a consumer group id, e.g. gmn-graph-builder");
    assertRefused(() -> defaults.withParallelism(0), "GraphBuilderConfig.parallelism must be in [1, 32768], got 0");
    assertRefused(() -> defaults.withCheckpointInterval(Duration.ofMillis(5)),
        "GraphBuilderConfig.checkpointInterval must be at least PT0.01S, got PT0.005S");
    assertRefused(() -> defaults.withMaxPendingPerRun(-1), "GraphBuilderConfig.maxPendingPerRun must be >= 0 "
        + "(0 dead-letters every checkpoint that arrives before its manifest), got -1");
    assertRefused(() -> defaults.withPendingTimeout(Duration.ZERO),
        "GraphBuilderConfig.pendingTimeout must be at least PT0.001S, got PT0S");
    assertRefused(() -> defaults.withTransactionalIdPrefix(" "),
        "GraphBuilderConfig.transactionalIdPrefix must not be blank: a prefix unique to this job, e.g. gmn-graph-builder");
    assertRefused(() -> defaults.withTransactionTimeout(Duration.ofHours(1)),
        "GraphBuilderConfig.transactionTimeout must be at most PT15M (the broker's default "
            + "transaction.max.timeout.ms), got PT1H");
    assertRefused(() -> defaults.withCheckpointInterval(Duration.ofMinutes(10)),
        "GraphBuilderConfig.transactionTimeout (PT10M) must be longer than checkpointInterval (PT10M): "
            + "a transaction stays open from one checkpoint to the next");
    assertRefused(() -> defaults.withKafkaProperties(Map.of("group.id", "x")),
        "GraphBuilderConfig.kafkaProperties must not set 'group.id': the job sets it (groupId)");
    assertRefused(() -> defaults.withKafkaProperties(Map.of("isolation.level", "read_uncommitted")),
        "GraphBuilderConfig.kafkaProperties must not set 'isolation.level': the job sets it (always read_committed)");
    assertThatThrownBy(() -> defaults.withRegistry(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("GraphBuilderConfig.registry");
  }

  @Test
  void shouldHideSecretsWhenPrinted() {
    GraphBuilderConfig config = defaults.withKafkaProperties(Map.of(
        "sasl.jaas.config", "PlainLoginModule required username=\"u\" password=\"p4ss\";",
        "ssl.truststore.password", "changeit", "security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"));

    assertThat(config.toString()).doesNotContain("p4ss").doesNotContain("changeit")
        .contains("security.protocol=SASL_SSL").contains("sasl.mechanism=PLAIN").contains("sasl.jaas.config=<hidden>");
  }

  private static void assertRefused(Runnable construction, String message) {
    assertThatThrownBy(construction::run).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
