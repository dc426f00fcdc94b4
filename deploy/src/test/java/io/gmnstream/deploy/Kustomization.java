package io.gmnstream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Renders a kustomization directory the way {@code kubectl kustomize} does, for the features these
 * manifests use: resources (files and directories), patches (strategic merge, by the patch's own
 * kind and name, or applied to every resource of a target kind), namespace and labels (pairs, on
 * metadata only). Any other field fails, so an overlay cannot use a feature this renderer ignores.
 */
final class Kustomization {
  private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "labels", "resources",
      "patches");
  private static final String CLUSTER_SCOPED = "Namespace";

  private Kustomization() {}

  static List<ObjectNode> render(Path dir) {
    ObjectNode kustomization = single(dir.resolve("kustomization.yaml"));
    kustomization.fieldNames().forEachRemaining(field -> {
      if (!SUPPORTED.contains(field)) {
        throw new IllegalArgumentException(dir + "/kustomization.yaml: '" + field + "' is not supported by this renderer");
      }
    });
    List<ObjectNode> resources = new ArrayList<>();
    for (JsonNode entry : kustomization.path("resources")) {
      Path path = dir.resolve(entry.asText()).normalize();
      resources.addAll(Files.isDirectory(path) ? render(path) : YamlDocuments.read(path));
    }
    for (JsonNode patch : kustomization.path("patches")) {
      applyPatch(dir, patch, resources);
    }
    String namespace = kustomization.path("namespace").asText(null);
    for (ObjectNode resource : resources) {
      ObjectNode metadata = resource.with("metadata");
      if (namespace != null && !CLUSTER_SCOPED.equals(resource.path("kind").asText())) {
        metadata.put("namespace", namespace);
        // As kustomize does: a RoleBinding's ServiceAccount subjects move with the namespace.
        for (JsonNode subject : resource.path("subjects")) {
          if (subject.path("kind").asText().equals("ServiceAccount")) {
            ((ObjectNode) subject).put("namespace", namespace);
          }
        }
      }
      for (JsonNode labels : kustomization.path("labels")) {
        labels.path("pairs").fields().forEachRemaining(e -> metadata.with("labels").set(e.getKey(), e.getValue()));
      }
    }
    return resources;
  }

  private static void applyPatch(Path dir, JsonNode entry, List<ObjectNode> resources) {
    Path file = dir.resolve(entry.path("path").asText());
    String targetKind = entry.path("target").path("kind").asText(null);
    for (ObjectNode patch : YamlDocuments.read(file)) {
      List<ObjectNode> matched = resources.stream()
          .filter(r -> targetKind != null
              ? r.path("kind").asText().equals(targetKind)
              : r.path("kind").equals(patch.path("kind")) && name(r).equals(name(patch)))
          .toList();
      if (matched.isEmpty()) {
        throw new IllegalArgumentException(file + ": the patch of " + patch.path("kind").asText() + "/" + name(patch)
            + " matches no resource");
      }
      for (ObjectNode resource : matched) {
        ObjectNode body = patch.deepCopy();
        body.remove(List.of("apiVersion", "kind"));
        ((ObjectNode) body.with("metadata")).remove("name"); // a target patch names no particular resource
        StrategicMerge.apply(resource, body, isBuiltIn(resource));
      }
    }
  }

  /** Core, apps and batch kinds have Kubernetes' merge keys; custom resources are merged as JSON. */
  static boolean isBuiltIn(JsonNode resource) {
    String apiVersion = resource.path("apiVersion").asText();
    return apiVersion.equals("v1") || apiVersion.startsWith("apps/") || apiVersion.startsWith("batch/")
        || apiVersion.startsWith("rbac.authorization.k8s.io/");
  }

  static String name(JsonNode resource) {
    return resource.path("metadata").path("name").asText();
  }

  private static ObjectNode single(Path file) {
    List<ObjectNode> documents = YamlDocuments.read(file);
    if (documents.size() != 1) {
      throw new IllegalArgumentException(file + " must hold one document");
    }
    return documents.get(0);
  }
}
