package io.gmnstream.launcher.run;

import io.gmnstream.launcher.BadInputException;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How a command outside the services reaches their cluster: the {@code kafka} and {@code registry}
 * sections of a {@code run} config file, security included, so that {@code train --from-topic} in a
 * production pod uses the file the scorer mounts instead of its own copy of the settings.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param kafkaProperties  further client properties (SASL, TLS), passed through
 * @param registry         the schema registry client's settings
 */
public record ClusterConnection(String bootstrapServers, Map<String, String> kafkaProperties,
    RegistryClientConfig registry) {
  public ClusterConnection {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    kafkaProperties = Map.copyOf(kafkaProperties);
    Objects.requireNonNull(registry, "registry");
  }

  /** Reads {@code file} as {@code run} does (strict keys, {@code ${ENV}} references); other sections are checked too. */
  public static ClusterConnection fromFile(Path file) {
    ServiceConfigFile read = ConfigFileReader.read(file, System.getenv());
    if (read.kafka() == null || read.registry() == null) {
      throw new BadInputException(file + ": needs the kafka and registry sections");
    }
    return new ClusterConnection(read.kafka().bootstrapServers(), ServiceConfigs.kafkaProperties(read),
        ServiceConfigs.registry(read));
  }
}
