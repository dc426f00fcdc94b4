package io.gmnstream.streamjobs.monitor.web.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The parameters of a URL query string; when a name repeats, the first value counts. */
public final class QueryParameters {

  private final Map<String, String> values;

  private QueryParameters(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses a raw (still percent-encoded) query, null for none.
   *
   * @throws BadRequestException on a malformed percent escape
   */
  public static QueryParameters parse(String rawQuery) {
    Map<String, String> values = new HashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        String name = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        values.putIfAbsent(name, value);
      }
    }
    return new QueryParameters(values);
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /**
   * A whole number in {@code [min, max]}; a larger one is clamped to {@code max}, a missing one is
   * {@code fallback}.
   *
   * @throws BadRequestException when the value is not a whole number of at least {@code min}
   */
  public int intInRange(String name, int fallback, int min, int max) {
    Optional<String> text = get(name);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.get());
      if (value < min) {
        throw new BadRequestException(name + " must be at least " + min + ", got " + value);
      }
      return Math.min(value, max);
    } catch (NumberFormatException e) {
      throw new BadRequestException(name + " must be a whole number, got '" + text.get() + "'", e);
    }
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("malformed query string: " + e.getMessage(), e);
    }
  }
}
