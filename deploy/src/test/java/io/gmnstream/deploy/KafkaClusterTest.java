package io.gmnstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.gmnstream.launcher.run.LauncherConfigs;
import io.gmnstream.pipeline.PipelineTopics;
import io.gmnstream.schemas.Topic;
import io.gmnstream.schemas.Topics;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaClusterSpec;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Strimzi cluster, its topics and users against what the services read and write. */
class KafkaClusterTest {
  /** The registry's store (cp-schema-registry), the one topic that is not a gmn topic. */
  private static final String REGISTRY_TOPIC = "_schemas";

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void theClusterRunsInKraftModeOnNodePools(Overlay overlay) {
    Kafka kafka = onlyKafka(overlay);
    assertThat(kafka.getMetadata().getAnnotations())
        .containsEntry("strimzi.io/kraft", "enabled")
        .containsEntry("strimzi.io/node-pools", "enabled");
    List<KafkaNodePool> pools = overlay.all(KafkaNodePool.class);
    assertThat(pools).isNotEmpty().allSatisfy(pool ->
        assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", kafka.getMetadata().getName()));
    assertThat(nodes(overlay, ProcessRoles.CONTROLLER)).as("controllers: an odd quorum").isOdd();
    assertThat(nodes(overlay, ProcessRoles.BROKER)).isPositive();
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void brokerConfigIsAllowedByStrimziAndFitsTheBrokerCount(Overlay overlay) {
    KafkaClusterSpec spec = onlyKafka(overlay).getSpec().getKafka();
    List<String> forbidden = prefixes(KafkaClusterSpec.FORBIDDEN_PREFIXES);
    List<String> exceptions = prefixes(KafkaClusterSpec.FORBIDDEN_PREFIX_EXCEPTIONS);
    Map<String, Object> config = spec.getConfig();
    for (String key : config.keySet()) {
      boolean isForbidden = forbidden.stream().anyMatch(key::startsWith) && !exceptions.contains(key);
      assertThat(isForbidden).as("Strimzi manages " + key).isFalse();
    }
    int brokers = nodes(overlay, ProcessRoles.BROKER);
    for (String key : List.of("offsets.topic.replication.factor", "transaction.state.log.replication.factor",
        "default.replication.factor")) {
      assertThat(intValue(config.get(key))).as(key).isBetween(1, brokers);
    }
    assertThat(intValue(config.get("transaction.state.log.min.isr"))).isLessThanOrEqualTo(
        intValue(config.get("transaction.state.log.replication.factor")));
    // The graph builder's exactly-once sink: its transaction timeout must be allowed by the brokers.
    assertThat(Duration.ofMillis(intValue(config.get("transaction.max.timeout.ms"))))
        .isGreaterThanOrEqualTo(graphBuilderTransactionTimeout(overlay));
    assertThat(intValue(config.get("replica.fetch.max.bytes")))
        .isGreaterThanOrEqualTo(PipelineTopics.MAX_DEAD_LETTER_RECORD_BYTES);
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void thereIsAKafkaTopicForEveryTopicOfThePipelineAndNoOther(Overlay overlay) {
    Map<String, KafkaTopic> byName = topics(overlay);
    List<String> expected = Topics.ALL.stream().map(Topic::name).collect(Collectors.toList());
    expected.add(REGISTRY_TOPIC);
    assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void everyTopicHasThePipelinesCompactionAndRecordLimitAndFitsTheBrokers(Overlay overlay) {
    Map<String, KafkaTopic> byName = topics(overlay);
    int brokers = nodes(overlay, ProcessRoles.BROKER);
    for (Topic<?> topic : Topics.ALL) {
      KafkaTopic kafkaTopic = byName.get(topic.name());
      Map<String, Object> config = kafkaTopic.getSpec().getConfig();
      assertThat(config.get("cleanup.policy")).as(topic.name()).isEqualTo(topic.compacted() ? "compact" : "delete");
      assertThat(intValue(config.get("max.message.bytes"))).as(topic.name())
          .isEqualTo(PipelineTopics.maxRecordBytes(topic));
      if (!topic.compacted()) {
        assertThat(config).as(topic.name()).containsKey("retention.ms");
      }
      assertThat(kafkaTopic.getSpec().getPartitions()).as(topic.name()).isPositive();
    }
    for (KafkaTopic kafkaTopic : byName.values()) {
      int replicas = kafkaTopic.getSpec().getReplicas();
      assertThat(replicas).as(kafkaTopic.getSpec().getTopicName()).isBetween(1, brokers);
      assertThat(intValue(kafkaTopic.getSpec().getConfig().get("min.insync.replicas"))).isBetween(1, replicas);
      assertThat(kafkaTopic.getMetadata().getLabels())
          .containsEntry("strimzi.io/cluster", onlyKafka(overlay).getMetadata().getName());
    }
    assertThat(byName.get(REGISTRY_TOPIC).getSpec().getConfig()).containsEntry("cleanup.policy", "compact");
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void theRegistryStoresInItsTopicWithAReplicationTheClusterHas(Overlay overlay) {
    Container registry = ServiceWorkloadsTest.container(
        overlay.named(Deployment.class, "schema-registry").getSpec().getTemplate(), "schema-registry");
    Map<String, String> env = registry.getEnv().stream().filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(e -> e.getName(), e -> e.getValue()));
    assertThat(env).containsEntry("SCHEMA_REGISTRY_KAFKASTORE_TOPIC", REGISTRY_TOPIC);
    assertThat(Integer.parseInt(env.get("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR")))
        .isEqualTo(topics(overlay).get(REGISTRY_TOPIC).getSpec().getReplicas());
    assertThat(env.get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS")).endsWith("://" + bootstrap(overlay));
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void everyServiceConnectsToTheClustersBootstrapAsItsOwnScramUser(Overlay overlay) {
    List<String> users = overlay.all(KafkaUser.class).stream().map(u -> u.getMetadata().getName()).toList();
    assertThat(users).contains("gmn-graph-builder", "gmn-operator", "gmn-monitor", "schema-registry");
    GenericKafkaListener listener = onlyKafka(overlay).getSpec().getKafka().getListeners().get(0);
    assertThat(listener.getAuth().getType()).isEqualTo("scram-sha-512");
    for (ConfigMap map : overlay.all(ConfigMap.class)) {
      for (String text : map.getData().values()) {
        assertThat(text).as(map.getMetadata().getName())
            .contains("bootstrapServers: " + bootstrap(overlay))
            .contains("sasl.mechanism: SCRAM-SHA-512")
            .contains("security.protocol: SASL_PLAINTEXT");
      }
    }
  }

  /** host:port of Strimzi's bootstrap Service for the first listener. */
  private static String bootstrap(Overlay overlay) {
    Kafka kafka = onlyKafka(overlay);
    return kafka.getMetadata().getName() + "-kafka-bootstrap:" + kafka.getSpec().getKafka().getListeners().get(0).getPort();
  }

  private static Duration graphBuilderTransactionTimeout(Overlay overlay) {
    String text = overlay.named(ConfigMap.class, "gmn-graph-builder-config").getData().get("graph-builder.yaml");
    Container main = FlinkDeploymentTest.graphBuilder(overlay).getSpec().getPodTemplate().getSpec().getContainers().get(0);
    return LauncherConfigs.graphBuilder(text, PodEnvironment.standIns(main)).transactionTimeout();
  }

  private static Kafka onlyKafka(Overlay overlay) {
    assertThat(overlay.all(Kafka.class)).hasSize(1);
    return overlay.all(Kafka.class).get(0);
  }

  private static int nodes(Overlay overlay, ProcessRoles role) {
    return overlay.all(KafkaNodePool.class).stream().filter(p -> p.getSpec().getRoles().contains(role))
        .mapToInt(p -> p.getSpec().getReplicas()).sum();
  }

  private static Map<String, KafkaTopic> topics(Overlay overlay) {
    return overlay.all(KafkaTopic.class).stream().collect(Collectors.toMap(
        t -> t.getSpec().getTopicName() != null ? t.getSpec().getTopicName() : t.getMetadata().getName(), t -> t));
  }

  private static List<String> prefixes(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static int intValue(Object value) {
    return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value));
  }
}
