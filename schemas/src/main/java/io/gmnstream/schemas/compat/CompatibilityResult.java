package io.gmnstream.schemas.compat;

import java.util.List;

/**
 * Outcome of a schema compatibility check.
 *
 * @param compatible whether the reader can read data written with the writer schema
 * @param messages why not (empty when compatible, or when the registry gave no details)
 */
public record CompatibilityResult(boolean compatible, List<String> messages) {
  public CompatibilityResult {
    messages = List.copyOf(messages);
  }

  public static CompatibilityResult ok() {
    return new CompatibilityResult(true, List.of());
  }
}
