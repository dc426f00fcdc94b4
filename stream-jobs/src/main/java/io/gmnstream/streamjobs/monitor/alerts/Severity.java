package io.gmnstream.streamjobs.monitor.alerts;

import io.gmnstream.schemas.avro.AlertSeverity;
import java.util.Arrays;
import java.util.Locale;

/** How urgent an alert is, in increasing order (the Avro enum minus its UNKNOWN fallback). */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL;

  public AlertSeverity toAvro() {
    return AlertSeverity.valueOf(name());
  }

  /** Parses a config value, case-insensitively; the message lists the allowed values. */
  public static Severity parse(String key, String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(key + " must be one of " + Arrays.toString(values()) + ", got '"
          + value + "'", e);
    }
  }
}
