package io.gmnstream.launcher.run;

import io.gmnstream.launcher.BadInputException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values of a config file checked by the services' own config types: a refusal becomes a
 * {@link BadInputException} (exit 2) whose message names the key as the file spells it.
 */
final class FileValues {
  /** monitor.* and rules.* keys as the monitor's config types name them (snake_case). */
  private static final Pattern TYPED_KEY = Pattern.compile("\\b(?:monitor|rules)(?:\\.[a-z][a-z0-9_]*)+");
  private static final Pattern SNAKE_PART = Pattern.compile("_([a-z0-9])");

  private FileValues() {}

  /** {@code config.with(value)} when the file gives a value; a refusal names {@code key}. */
  static <C, V> C apply(C config, V value, String key, BiFunction<C, V, C> with) {
    if (value == null) {
      return config;
    }
    return validated(key, () -> with.apply(config, value));
  }

  /** The duration written at {@code key}, or null when the file leaves it out. */
  static Duration duration(String key, String text) {
    return text == null ? null : validated(key, () -> DurationText.parse(key, text));
  }

  /** {@code value}, or {@code fallback} when the file leaves it out. */
  static <T> T orDefault(T value, T fallback) {
    return value == null ? fallback : value;
  }

  /** What {@code make} makes; an IllegalArgumentException it throws names {@code key}. */
  static <T> T validated(String key, Supplier<T> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : fileKeys(e.getMessage());
      throw new BadInputException(message.startsWith(key) ? message : key + ": " + message, e);
    }
  }

  /**
   * The monitor's config types name keys in snake_case (rules.stale_run.scan_interval) while the
   * files use camelCase like every other key (rules.staleRun.scanInterval): say what the file says.
   */
  static String fileKeys(String message) {
    Matcher key = TYPED_KEY.matcher(message);
    StringBuilder out = new StringBuilder();
    while (key.find()) {
      String camel = SNAKE_PART.matcher(key.group()).replaceAll(part -> part.group(1).toUpperCase(Locale.ROOT));
      key.appendReplacement(out, Matcher.quoteReplacement(camel));
    }
    return key.appendTail(out).toString();
  }
}
