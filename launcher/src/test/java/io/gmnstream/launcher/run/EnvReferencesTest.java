package io.gmnstream.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvReferencesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<String, String> ENVIRONMENT = Map.of("HOST", "10.0.0.1", "PASSWORD", "pa$$\\word");

  @Test
  void replacesReferencesInValuesAtAnyDepthAndPlace() throws Exception {
    JsonNode tree = resolved("""
        a: ${HOST}
        b: {c: 'x password="${PASSWORD}"; at ${HOST}'}
        list: [plain, '${HOST}', {d: '${HOST}'}]
        port: 8080
        """);

    assertThat(tree.get("a").asText()).isEqualTo("10.0.0.1");
    assertThat(tree.at("/b/c").asText()).isEqualTo("x password=\"pa$$\\word\"; at 10.0.0.1");
    assertThat(tree.at("/list/0").asText()).isEqualTo("plain");
    assertThat(tree.at("/list/1").asText()).isEqualTo("10.0.0.1");
    assertThat(tree.at("/list/2/d").asText()).isEqualTo("10.0.0.1");
    assertThat(tree.get("port").asInt()).isEqualTo(8080);
  }

  @Test
  void leavesKeysAnEscapedReferenceAndOtherDollarsAlone() throws Exception {
    JsonNode tree = resolved("""
        ${HOST}: $${HOST}
        price: $5 and ${not a name} and $HOST
        """);

    assertThat(tree.get("${HOST}").asText()).isEqualTo("${HOST}");
    assertThat(tree.get("price").asText()).isEqualTo("$5 and ${not a name} and $HOST");
  }

  @Test
  void namesTheKeyAndTheVariableThatIsNotSet() {
    assertThatThrownBy(() -> resolved("outer: {list: [ok, 'x${MISSING}']}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("outer.list[1]: environment variable MISSING is not set");
  }

  private static JsonNode resolved(String yaml) throws Exception {
    JsonNode tree = YAML.readTree(yaml);
    EnvReferences.resolve(tree, ENVIRONMENT);
    return tree;
  }
}
