package io.gmnstream.streamjobs.monitor.support;

import io.gmnstream.embedded.kafka.EmbeddedKafkaBroker;
import io.gmnstream.embedded.kafka.KafkaBrokerConfig;
import io.gmnstream.embedded.registry.EmbeddedSchemaRegistry;
import io.gmnstream.embedded.registry.SchemaRegistryConfig;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real broker and schema registry (HTTP), started once for all monitor tests of a run and closed
 * when the run ends. Tests ask for it as a parameter: {@code @ExtendWith(EmbeddedStack.Extension.class)}.
 */
public final class EmbeddedStack implements AutoCloseable {

  private final EmbeddedKafkaBroker broker;
  private final EmbeddedSchemaRegistry registry;
  private final SchemaRegistryClient client;

  private EmbeddedStack(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {
    this.broker = broker;
    this.registry = registry;
    this.client = SchemaRegistryClient.connect(registryConfig());
  }

  /** A broker and registry of its own, for tests that need the default topic names to themselves. */
  public static EmbeddedStack start() {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(KafkaBrokerConfig.defaults());
    try {
      return new EmbeddedStack(broker,
          EmbeddedSchemaRegistry.start(SchemaRegistryConfig.defaults(broker.bootstrapServers())));
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  public EmbeddedKafkaBroker broker() {
    return broker;
  }

  public RegistryClientConfig registryConfig() {
    return RegistryClientConfig.of(registry.url());
  }

  /** A client shared by the tests; closed with the stack. */
  public SchemaRegistryClient client() {
    return client;
  }

  @Override
  public void close() {
    try {
      client.close();
      registry.close();
    } finally {
      broker.close();
    }
  }

  /** Resolves {@link EmbeddedStack} parameters with the one stack of the test run. */
  public static final class Extension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == EmbeddedStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      // The root store outlives every test class and closes AutoCloseable values at the end of the run.
      return context.getRoot().getStore(ExtensionContext.Namespace.create(EmbeddedStack.class))
          .getOrComputeIfAbsent(EmbeddedStack.class, key -> start(), EmbeddedStack.class);
    }
  }
}
