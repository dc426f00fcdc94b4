package io.gmnstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every manifest, rendered for the base and each overlay, binds to the typed model of its kind. */
class ManifestModelTest {

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void everyRenderedManifestFitsItsTypedModel(Overlay overlay) {
    assertThat(overlay.models()).hasSameSizeAs(overlay.manifests()).isNotEmpty();
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void namesAreUniquePerKind(Overlay overlay) {
    List<String> ids = overlay.manifests().stream()
        .map(m -> m.path("kind").asText() + "/" + Kustomization.name(m)).toList();
    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void everyYamlFileUnderK8sIsValidYaml() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("k8s"))) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).toList();
      assertThat(yaml).hasSizeGreaterThan(10);
      yaml.forEach(file -> assertThat(YamlDocuments.read(file)).as(file.toString()).isNotEmpty());
    }
  }

  @Test
  void aMisspelledFieldIsRefused() {
    ObjectNode deployment = (ObjectNode) Overlay.BASE.manifests().stream()
        .filter(m -> m.path("kind").asText().equals("Deployment")).findFirst().orElseThrow().deepCopy();
    ((ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0))
        .put("livenesProbe", "typo");
    assertThatThrownBy(() -> TypedModels.bind(deployment)).hasMessageContaining("livenesProbe");
  }

  @Test
  void aMisspelledFieldInACronJobsPodTemplateIsRefused() {
    ObjectNode cronJob = Overlay.PRODUCTION.manifests().stream()
        .filter(m -> m.path("kind").asText().equals("CronJob")).findFirst().orElseThrow().deepCopy();
    ((ObjectNode) cronJob.path("spec").path("jobTemplate").path("spec").path("template").path("spec")
        .path("containers").get(0)).put("volumeMount", "typo");
    assertThatThrownBy(() -> TypedModels.bind(cronJob)).hasMessageContaining("volumeMount");
  }

  @Test
  void aMisspelledFieldOfACustomResourceIsRefused() {
    ObjectNode topic = (ObjectNode) Overlay.BASE.manifests().stream()
        .filter(m -> m.path("kind").asText().equals("KafkaTopic")).findFirst().orElseThrow().deepCopy();
    ((ObjectNode) topic.path("spec")).put("partitons", 3);
    assertThatThrownBy(() -> TypedModels.bind(topic)).hasMessageContaining("partitons");
  }

  @Test
  void anUnknownKindIsRefused() {
    ObjectNode ingress = YamlDocuments.parse("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: x}\n", "test")
        .get(0);
    assertThatThrownBy(() -> TypedModels.bind(ingress)).hasMessageContaining("no typed model");
  }
}
