package io.gmnstream.schemas;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Client properties as they may be printed: the values of passwords, secrets, tokens, keys and JAAS
 * configs are hidden, so a service can log its whole config at startup.
 */
public final class SecretRedaction {
  public static final String HIDDEN = "<hidden>";
  private static final Set<String> SECRET_MARKERS = Set.of("password", "secret", "jaas", "token", "key");

  private SecretRedaction() {}

  /** A sorted copy with every secret value replaced by {@value #HIDDEN}. */
  public static Map<String, String> redacted(Map<String, String> properties) {
    Map<String, String> shown = new TreeMap<>();
    properties.forEach((key, value) -> shown.put(key, isSecret(key) ? HIDDEN : value));
    return shown;
  }

  /** Whether a property's value is a secret: names of files, types and mechanisms are not. */
  public static boolean isSecret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return SECRET_MARKERS.stream().anyMatch(lower::contains) && !lower.endsWith(".type")
        && !lower.endsWith(".location") && !lower.endsWith(".mechanism");
  }
}
