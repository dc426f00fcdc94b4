package io.gmnstream.schemas.serde;

import io.gmnstream.schemas.internal.ConfigValues;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of {@link AvroSerializer} / {@link AvroDeserializer} when Kafka instantiates them from
 * class names: the registry client's settings plus whether producers register schemas.
 *
 * @param registry how to reach the schema registry
 * @param autoRegister whether the serializer registers its schema (true) or only looks it up and
 *     fails when it is missing (false: for locked-down registries where a release registers)
 */
public record SerdeConfig(RegistryClientConfig registry, boolean autoRegister) {

  public static final String AUTO_REGISTER = "auto.register.schemas";
  public static final boolean DEFAULT_AUTO_REGISTER = true;

  public SerdeConfig {
    Objects.requireNonNull(registry, "registry");
  }

  /** Reads the {@code schema.registry.*} keys and {@value #AUTO_REGISTER}. */
  public static SerdeConfig fromMap(Map<String, ?> configs) {
    return new SerdeConfig(RegistryClientConfig.fromMap(configs),
        new ConfigValues(configs).bool(AUTO_REGISTER, DEFAULT_AUTO_REGISTER));
  }
}
