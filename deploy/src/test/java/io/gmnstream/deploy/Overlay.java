package io.gmnstream.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

/** The three renderings of deploy/k8s: the base alone and each overlay, read into typed models. */
enum Overlay {
  BASE("k8s/base"), DEV("k8s/overlays/dev"), PRODUCTION("k8s/overlays/production");

  /** Surefire runs in the module folder, deploy/. */
  final Path dir;
  private List<ObjectNode> manifests;
  private List<Object> models;

  Overlay(String dir) {
    this.dir = Path.of(dir);
  }

  /** The rendered manifests as JSON trees. */
  synchronized List<ObjectNode> manifests() {
    if (manifests == null) {
      manifests = List.copyOf(Kustomization.render(dir));
    }
    return manifests;
  }

  /** The rendered manifests bound to their typed models (fails on the first one that does not fit). */
  synchronized List<Object> models() {
    if (models == null) {
      models = manifests().stream().map(TypedModels::bind).toList();
    }
    return models;
  }

  <T> List<T> all(Class<T> type) {
    return models().stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends io.fabric8.kubernetes.api.model.HasMetadata> T named(Class<T> type, String name) {
    return all(type).stream().filter(m -> m.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow(() -> new NoSuchElementException(this + " has no " + type.getSimpleName() + " " + name));
  }
}
