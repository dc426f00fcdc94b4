package io.gmnstream.launcher.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} in a value of a config file stands for the environment variable NAME, so secrets
 * (from a Kubernetes Secret) and per-pod values (the pod IP from the downward API) stay out of the
 * file. {@code $${NAME}} is a literal {@code ${NAME}}. Keys are never substituted; an unset variable
 * is an error naming the key, never an empty value.
 */
final class EnvReferences {
  private static final Pattern REFERENCE = Pattern.compile("\\$(\\$?)\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private EnvReferences() {}

  /** Replaces the references in every string value of {@code tree}, in place. */
  static void resolve(JsonNode tree, Map<String, String> environment) {
    resolve(tree, "", environment);
  }

  private static void resolve(JsonNode node, String path, Map<String, String> environment) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (field.getValue().isTextual()) {
          field.setValue(object.textNode(substitute(key, field.getValue().asText(), environment)));
        } else {
          resolve(field.getValue(), key, environment);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        String key = path + "[" + i + "]";
        if (array.get(i).isTextual()) {
          array.set(i, array.textNode(substitute(key, array.get(i).asText(), environment)));
        } else {
          resolve(array.get(i), key, environment);
        }
      }
    }
  }

  private static String substitute(String key, String text, Map<String, String> environment) {
    Matcher reference = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (reference.find()) {
      String name = reference.group(2);
      String value;
      if (!reference.group(1).isEmpty()) {
        value = "${" + name + "}";
      } else {
        value = environment.get(name);
        if (value == null) {
          throw new IllegalArgumentException(key + ": environment variable " + name + " is not set");
        }
      }
      reference.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return reference.appendTail(out).toString();
  }
}
