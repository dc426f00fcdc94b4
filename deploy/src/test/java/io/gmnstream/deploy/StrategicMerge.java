package io.gmnstream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The subset of kustomize's strategic-merge patch that the overlays use, so the tests can render
 * them without a kustomize binary. Maps merge key by key, a null value deletes the key. Lists are
 * replaced, except in built-in kinds (apps/v1, batch/v1, v1) where the lists Kubernetes merges by a key are
 * merged by it: containers, initContainers, env, volumes (name), volumeMounts (mountPath), ports
 * (containerPort). Custom resources (Strimzi, Flink) have no merge keys, so kustomize replaces their
 * lists too. KustomizeCrossCheckTest compares the result with `kubectl kustomize` where it exists.
 */
final class StrategicMerge {
  private static final Map<String, String> MERGE_KEYS = Map.of(
      "containers", "name", "initContainers", "name", "env", "name", "volumes", "name",
      "volumeMounts", "mountPath", "ports", "containerPort");

  private StrategicMerge() {}

  /** Applies {@code patch} to {@code target} in place. */
  static void apply(ObjectNode target, ObjectNode patch, boolean builtInKind) {
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      JsonNode current = target.get(key);
      if (value.isNull()) {
        target.remove(key);
      } else if (value.isObject() && current != null && current.isObject()) {
        apply((ObjectNode) current, (ObjectNode) value, builtInKind);
      } else if (value.isArray() && current != null && current.isArray() && builtInKind
          && MERGE_KEYS.containsKey(key)) {
        mergeList((ArrayNode) current, (ArrayNode) value, MERGE_KEYS.get(key), builtInKind);
      } else {
        target.set(key, value.deepCopy());
      }
    }
  }

  /** Items of {@code patch} replace-merge the item with the same key, or are added (first, as kustomize does). */
  private static void mergeList(ArrayNode target, ArrayNode patch, String mergeKey, boolean builtInKind) {
    int inserted = 0;
    for (JsonNode item : patch) {
      ObjectNode existing = find(target, mergeKey, item.path(mergeKey));
      if (existing != null) {
        apply(existing, (ObjectNode) item, builtInKind);
      } else {
        target.insert(inserted++, item.deepCopy());
      }
    }
  }

  private static ObjectNode find(ArrayNode list, String mergeKey, JsonNode key) {
    for (JsonNode item : list) {
      if (item.isObject() && item.path(mergeKey).equals(key)) {
        return (ObjectNode) item;
      }
    }
    return null;
  }
}
