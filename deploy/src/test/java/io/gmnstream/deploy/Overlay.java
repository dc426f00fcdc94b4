package io.gmnstream.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * The pod template of every Deployment, StatefulSet and CronJob, by kind/name (the FlinkDeployment's
   * is the Flink operator's, see SecretReferencesTest): a check over these covers every workload.
   */
  Map<String, PodTemplateSpec> podTemplates() {
    Map<String, PodTemplateSpec> pods = new LinkedHashMap<>();
    all(Deployment.class).forEach(d -> pods.put("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate()));
    all(StatefulSet.class).forEach(s -> pods.put("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate()));
    all(CronJob.class).forEach(c -> pods.put("CronJob/" + c.getMetadata().getName(),
        c.getSpec().getJobTemplate().getSpec().getTemplate()));
    return pods;
  }

  <T extends io.fabric8.kubernetes.api.model.HasMetadata> T named(Class<T> type, String name) {
    return all(type).stream().filter(m -> m.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow(() -> new NoSuchElementException(this + " has no " + type.getSimpleName() + " " + name));
  }
}
