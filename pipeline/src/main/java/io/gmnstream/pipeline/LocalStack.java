package io.gmnstream.pipeline;

import io.gmnstream.embedded.kafka.EmbeddedKafkaBroker;
import io.gmnstream.embedded.kafka.KafkaBrokerConfig;
import io.gmnstream.embedded.registry.EmbeddedSchemaRegistry;
import io.gmnstream.embedded.registry.SchemaRegistryConfig;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import java.net.URI;

/**
 * The embedded infrastructure: an in-process KRaft broker on loopback with every gmn topic created
 * ({@link PipelineTopics}), a Confluent-compatible schema registry stored in that broker, and a
 * client for it.
 */
public final class LocalStack implements AutoCloseable {

  private final EmbeddedKafkaBroker broker;
  private final EmbeddedSchemaRegistry registry;
  private final SchemaRegistryClient registryClient;

  private LocalStack(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, SchemaRegistryClient client) {
    this.broker = broker;
    this.registry = registry;
    this.registryClient = client;
  }

  /** Starts broker and registry and creates the gmn topics with {@code partitions} partitions each. */
  public static LocalStack start(int partitions) {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
        KafkaBrokerConfig.builder().maxMessageBytes(PipelineTopics.MAX_DEAD_LETTER_RECORD_BYTES).build());
    EmbeddedSchemaRegistry registry = null;
    try {
      broker.createTopics(PipelineTopics.specs(partitions));
      registry = EmbeddedSchemaRegistry.start(SchemaRegistryConfig.defaults(broker.bootstrapServers()));
      SchemaRegistryClient client = SchemaRegistryClient.connect(RegistryClientConfig.of(registry.url()));
      return new LocalStack(broker, registry, client);
    } catch (RuntimeException startFailure) {
      Closeables.closeAll(startFailure, registry, broker);
      throw startFailure;
    }
  }

  public EmbeddedKafkaBroker broker() {
    return broker;
  }

  public URI registryUrl() {
    return registry.url();
  }

  public SchemaRegistryClient registryClient() {
    return registryClient;
  }

  @Override
  public void close() {
    RuntimeException failure = new IllegalStateException("could not stop the local stack cleanly");
    Closeables.closeAll(failure, registryClient, registry, broker);
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }
}
