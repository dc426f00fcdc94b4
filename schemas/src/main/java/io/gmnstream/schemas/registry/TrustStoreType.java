package io.gmnstream.schemas.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Keystore formats accepted for the registry truststore. */
public enum TrustStoreType {
  PKCS12,
  JKS;

  /** Parses a type name case-insensitively; the error lists the allowed values. */
  public static TrustStoreType parse(String key, String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new org.apache.kafka.common.config.ConfigException(key, text,
          "allowed values: " + allowedValues());
    }
  }

  static String allowedValues() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
