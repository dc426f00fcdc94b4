package io.gmnstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The tests' own rendering ({@link Kustomization}) equals {@code kubectl kustomize}, where kubectl is
 * installed: the other tests then hold for what kubectl applies. Skipped without kubectl (CI images
 * need not have it). Lists are compared by content, not order: kustomize orders merged items its own way.
 */
@EnabledIf("kubectlIsInstalled")
class KustomizeCrossCheckTest {

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void ourRenderingEqualsKubectlKustomize(Overlay overlay) throws Exception {
    List<ObjectNode> kubectl = YamlDocuments.parse(kubectlKustomize(overlay.dir), "kubectl kustomize " + overlay.dir);
    Map<String, JsonNode> ours = canonical(overlay.manifests());
    Map<String, JsonNode> theirs = canonical(kubectl);
    assertThat(ours.keySet()).containsExactlyElementsOf(theirs.keySet());
    // One resource at a time, so a failure names the resource that differs.
    ours.forEach((id, manifest) -> assertThat(manifest).as(id).isEqualTo(theirs.get(id)));
  }

  /** kind/name -> the manifest with every list sorted by its items' text. */
  private static Map<String, JsonNode> canonical(List<ObjectNode> manifests) {
    Map<String, JsonNode> byId = new TreeMap<>();
    for (ObjectNode m : manifests) {
      byId.put(m.path("kind").asText() + "/" + Kustomization.name(m), sorted(m));
    }
    return byId;
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      new TreeMap<String, JsonNode>() {{
        node.fields().forEachRemaining(e -> put(e.getKey(), sorted(e.getValue())));
      }}.forEach(copy::set);
      return copy;
    }
    if (node.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      node.forEach(item -> items.add(sorted(item)));
      items.sort(Comparator.comparing(JsonNode::toString));
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      items.forEach(copy::add);
      return copy;
    }
    // kustomize writes every scalar as YAML text; compare scalars by their text.
    return JsonNodeFactory.instance.textNode(node.asText());
  }

  private static String kubectlKustomize(Path dir) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  static boolean kubectlIsInstalled() {
    String path = System.getenv("PATH");
    return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "kubectl")));
  }
}
