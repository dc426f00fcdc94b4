package io.gmnstream.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment a container's process sees, as far as the run configs care: the names its env
 * sets, each with a stand-in value (secrets and the downward API are resolved by Kubernetes, not
 * here), and the {@code ${NAME}} references of a config file that it must satisfy.
 */
final class PodEnvironment {
  /** The launcher's syntax (EnvReferences): ${NAME}, and $${NAME} for a literal. */
  private static final Pattern REFERENCE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private PodEnvironment() {}

  /** Every env name of {@code container} with a value that passes the services' checks. */
  static Map<String, String> standIns(Container container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : container.getEnv()) {
      env.put(var.getName(), standIn(var.getName()));
    }
    return env;
  }

  /** The names {@code ${NAME}} in {@code configText} refers to. */
  static Set<String> references(String configText) {
    Set<String> names = new TreeSet<>();
    Matcher m = REFERENCE.matcher(configText);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static String standIn(String name) {
    if (name.endsWith("_URL")) {
      return "https://hooks.example.com/" + name.toLowerCase();
    }
    if (name.equals("POD_IP")) {
      return "10.0.0.7";
    }
    if (name.equals("POD_NAME")) {
      return "gmn-operator-0";
    }
    return "stand-in-for-" + name;
  }
}
