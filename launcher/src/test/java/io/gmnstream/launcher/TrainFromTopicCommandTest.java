package io.gmnstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.embedded.kafka.EmbeddedKafkaBroker;
import io.gmnstream.embedded.kafka.KafkaBrokerConfig;
import io.gmnstream.embedded.kafka.TopicSpec;
import io.gmnstream.embedded.registry.EmbeddedSchemaRegistry;
import io.gmnstream.embedded.registry.SchemaRegistryConfig;
import io.gmnstream.schemas.Topics;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --from-topic}'s command line; the learning itself is tested in gmn-operator (OutcomeLoopTest). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the missing-topic test runs before topics are created
class TrainFromTopicCommandTest {
  static EmbeddedKafkaBroker broker;
  static EmbeddedSchemaRegistry registry;

  @TempDir Path temp;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafkaBroker.start(KafkaBrokerConfig.defaults());
    registry = EmbeddedSchemaRegistry.start(SchemaRegistryConfig.defaults(broker.bootstrapServers()));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private CliRun train(String registryUrl, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--from-topic", "--bootstrap",
        broker.bootstrapServers(), "--registry", registryUrl, "--model-dir", temp.resolve("model").toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(new String[0]));
  }

  @Test
  @Order(1)
  void shouldRefuseAMissingTopicWithExitTwo() {
    CliRun run = train(registry.url().toString(), "--once");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("topic gmn.graphs does not exist");
  }

  @Test
  void shouldRefuseAnUnreachableRegistryWithExitTwo() {
    CliRun run = train("http://127.0.0.1:1", "--once");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("schema registry at http://127.0.0.1:1 cannot be used");
  }

  @Test
  void shouldSkipARoundWithTooFewOutcomesAndExitZero() {
    broker.createTopics(List.of(TopicSpec.of(Topics.GRAPHS.name(), 1), TopicSpec.of(Topics.RUN_OUTCOMES.name(), 1)));

    CliRun run = train(registry.url().toString(), "--min-outcomes", "5");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("read 0 graph records", "skipped the round: only 0 outcome examples",
        "unchanged");
    assertThat(temp.resolve("model")).doesNotExist();
  }

  @Test
  void shouldReachTheClusterThroughARunConfigFileAsTheScorerDoes() throws Exception {
    broker.createTopics(List.of(TopicSpec.of(Topics.GRAPHS.name(), 1), TopicSpec.of(Topics.RUN_OUTCOMES.name(), 1)));
    Path config = temp.resolve("operator.yaml");
    java.nio.file.Files.writeString(config, String.join("\n",
        "kafka:",
        "  bootstrapServers: " + broker.bootstrapServers(),
        "  properties:",
        "    client.dns.lookup: use_all_dns_ips",
        "registry:",
        "  url: " + registry.url(),
        "operator:",
        "  modelDir: /models/digits-gmn",
        ""));

    CliRun run = CliRun.of("train", "--from-topic", "--config", config.toString(), "--model-dir",
        temp.resolve("model").toString(), "--once", "--fine-tune");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("read 0 graph records", "skipped the round");
  }

  @Test
  void shouldRefuseAMissingOrDoubleWayToTheCluster() {
    CliRun none = CliRun.of("train", "--from-topic", "--model-dir", temp.resolve("model").toString());
    assertThat(none.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(none.err()).contains("--from-topic needs --bootstrap and --registry, or --config FILE");

    CliRun both = train(registry.url().toString(), "--config", temp.resolve("x.yaml").toString());
    assertThat(both.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(both.err()).contains("not both");

    CliRun typo = CliRun.of("train", "--from-topic", "--config", writeYaml(
        "kafka:\n  bootstrapServers: x\n  propertis: {}\nregistry:\n  url: http://127.0.0.1:1\n"),
        "--model-dir", temp.resolve("model").toString());
    assertThat(typo.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(typo.err()).contains("unknown key 'kafka.propertis'");
  }

  private String writeYaml(String text) {
    try {
      Path file = java.nio.file.Files.createTempFile(temp, "config", ".yaml");
      java.nio.file.Files.writeString(file, text);
      return file.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void shouldRefuseBothEveryAndOnceAndABadDuration() {
    assertThat(train(registry.url().toString(), "--every", "10m", "--once").err()).contains("not both");
    CliRun bad = train(registry.url().toString(), "--every", "soon");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(bad.err()).contains("not a duration");
  }

  @Test
  void shouldStillRequireZooAndOutWithoutFromTopic() {
    CliRun run = CliRun.of("train", "--out", temp.resolve("m").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("--zoo");
  }
}
