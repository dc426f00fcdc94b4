package io.gmnstream.streamjobs.monitor.rules;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Builds an alert's evidence map: values as exact strings, in the order added. */
final class Evidence {

  private final Map<String, String> values = new LinkedHashMap<>();

  static Evidence of(String key, Object value) {
    return new Evidence().and(key, value);
  }

  Evidence and(String key, Object value) {
    values.put(key, String.valueOf(value));
    return this;
  }

  Map<String, String> map() {
    return values;
  }

  /** A number for a human message: three decimals, independent of the locale. */
  static String round(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
