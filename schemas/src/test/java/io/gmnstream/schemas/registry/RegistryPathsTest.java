package io.gmnstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RegistryPathsTest {

  @Test
  void shouldBuildEveryEndpointOfTheConfluentApi() {
    assertThat(RegistryPaths.register("gmn.runs-value")).isEqualTo("/subjects/gmn.runs-value/versions");
    assertThat(RegistryPaths.lookup("gmn.runs-value")).isEqualTo("/subjects/gmn.runs-value");
    assertThat(RegistryPaths.latest("gmn.runs-value"))
        .isEqualTo("/subjects/gmn.runs-value/versions/latest");
    assertThat(RegistryPaths.schemaById(42)).isEqualTo("/schemas/ids/42");
    assertThat(RegistryPaths.compatibility("gmn.runs-value"))
        .isEqualTo("/compatibility/subjects/gmn.runs-value/versions/latest?verbose=true");
  }

  @Test
  void shouldPercentEncodeSubjectsAsOnePathSegment() {
    assertThat(RegistryPaths.encode("my topic/value?x=1&y#z"))
        .isEqualTo("my%20topic%2Fvalue%3Fx%3D1%26y%23z");
    assertThat(RegistryPaths.encode("a+b")).isEqualTo("a%2Bb");
    assertThat(RegistryPaths.encode("läufe")).isEqualTo("l%C3%A4ufe");
    assertThat(RegistryPaths.register("a b")).isEqualTo("/subjects/a%20b/versions");
  }

  @Test
  void shouldKeepTheBaseUrlsPathPrefix() {
    String path = RegistryPaths.latest("s");

    assertThat(RegistryPaths.resolve(URI.create("http://localhost:8081"), path))
        .isEqualTo(URI.create("http://localhost:8081/subjects/s/versions/latest"));
    assertThat(RegistryPaths.resolve(URI.create("https://proxy.example/registry/"), path))
        .isEqualTo(URI.create("https://proxy.example/registry/subjects/s/versions/latest"));
  }
}
