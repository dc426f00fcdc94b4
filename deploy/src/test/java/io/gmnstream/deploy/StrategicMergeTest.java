package io.gmnstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class StrategicMergeTest {

  private static ObjectNode yaml(String text) {
    return YamlDocuments.parse(text, "test").get(0);
  }

  @Test
  void mapsMergeAndNullDeletes() {
    ObjectNode target = yaml("a: {b: 1, c: 2}\nd: 3\n");
    StrategicMerge.apply(target, yaml("a: {c: 5, e: 6}\nd: null\n"), true);
    assertThat(target).isEqualTo(yaml("a: {b: 1, c: 5, e: 6}\n"));
  }

  @Test
  void namedListsOfBuiltInKindsMergeByTheirKey() {
    ObjectNode target = yaml("containers: [{name: a, image: x, env: [{name: E, value: '1'}]}, {name: b, image: y}]\n");
    StrategicMerge.apply(target, yaml("containers: [{name: a, env: [{name: E, value: '2'}, {name: F, value: '3'}]}]\n"),
        true);
    assertThat(target).isEqualTo(yaml(
        "containers: [{name: a, image: x, env: [{name: F, value: '3'}, {name: E, value: '2'}]}, {name: b, image: y}]\n"));
  }

  @Test
  void listsOfCustomResourcesAndUnkeyedListsAreReplaced() {
    ObjectNode target = yaml("containers: [{name: a, image: x}]\ntolerations: [{key: k}]\n");
    StrategicMerge.apply(target, yaml("containers: [{name: a}]\ntolerations: [{key: g}]\n"), false);
    assertThat(target).isEqualTo(yaml("containers: [{name: a}]\ntolerations: [{key: g}]\n"));
  }
}
