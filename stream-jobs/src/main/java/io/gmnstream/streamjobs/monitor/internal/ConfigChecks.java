package io.gmnstream.streamjobs.monitor.internal;

import java.time.Duration;

/**
 * Validation shared by the monitor's config records. Every failure is an IllegalArgumentException
 * whose message names the key, the allowed values and the value given, so startup says what to fix.
 */
public final class ConfigChecks {

  private ConfigChecks() {}

  /** Fails with "{key} must be {allowed}, got {value}" unless {@code ok}. */
  public static void check(boolean ok, String key, String allowed, Object value) {
    if (!ok) {
      throw new IllegalArgumentException(key + " must be " + allowed + ", got " + value);
    }
  }

  public static <T> T requireNonNull(String key, T value) {
    if (value == null) {
      throw new IllegalArgumentException(key + " must be set");
    }
    return value;
  }

  public static void requireText(String key, String value, String example) {
    check(value != null && !value.isBlank(), key, "a non-blank value, e.g. " + example, value);
  }

  public static void requireInRange(String key, int value, int min, int max) {
    check(value >= min && value <= max, key, "in [" + min + ", " + max + "]", value);
  }

  public static void requireAtLeast(String key, Duration value, Duration min) {
    requireNonNull(key, value);
    check(value.compareTo(min) >= 0, key, "at least " + min, value);
  }
}
