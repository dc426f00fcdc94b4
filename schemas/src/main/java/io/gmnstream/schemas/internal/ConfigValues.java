package io.gmnstream.schemas.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Reads typed values out of a Kafka-style configs map, whose values may be strings or already
 * typed objects. Every failure is a {@link ConfigException} naming the key. Not API.
 */
public final class ConfigValues {

  private final Map<String, ?> configs;

  public ConfigValues(Map<String, ?> configs) {
    this.configs = Map.copyOf(configs.entrySet().stream()
        .filter(e -> e.getKey() != null && e.getValue() != null)
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  /** The trimmed string value; empty when the key is absent or blank. */
  public Optional<String> string(String key) {
    Object value = configs.get(key);
    if (value == null) {
      return Optional.empty();
    }
    // Kafka hands passwords over as Password so they never print; unwrap only here.
    String text = value instanceof Password p ? p.value() : value.toString();
    text = text.trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  public String string(String key, String defaultValue) {
    return string(key).orElse(defaultValue);
  }

  public int integer(String key, int defaultValue) {
    Optional<String> text = string(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(text.get());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, text.get(), "must be an integer");
    }
  }

  public Duration millis(String key, Duration defaultValue) {
    Optional<String> text = string(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      return Duration.ofMillis(Long.parseLong(text.get()));
    } catch (NumberFormatException e) {
      throw new ConfigException(key, text.get(), "must be a whole number of milliseconds");
    }
  }

  public boolean bool(String key, boolean defaultValue) {
    Optional<String> text = string(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    return switch (text.get().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(key, text.get(), "allowed values: true, false");
    };
  }
}
