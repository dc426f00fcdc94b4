package io.gmnstream.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.schemas.Topic;
import io.gmnstream.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build's BACKWARD-compatibility gate: every schema in src/main/avro must read data written
 * with every released version under released/&lt;RecordName&gt;/v&lt;n&gt;.avsc.
 */
class ReleasedSchemasCompatibilityTest {

  private static final Path CURRENT =
      Path.of(System.getProperty("gmn.schemas.current", "src/main/avro"));
  private static final Path RELEASED =
      Path.of(System.getProperty("gmn.schemas.released", "released"));

  static Stream<String> currentSchemaNames() {
    return currentSchemas().keySet().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("currentSchemaNames")
  void currentSchemaShouldReadEveryReleasedVersion(String name) {
    Schema current = currentSchemas().get(name);
    List<Path> releases = releasedVersions(name);
    assertThat(releases)
        .as("%s has no released version: copy src/main/avro/%s.avsc to released/%s/v1.avsc",
            name, name, name)
        .isNotEmpty();
    for (Path release : releases) {
      CompatibilityResult result = AvroCompatibility.canRead(current, parse(release));
      assertThat(result.compatible())
          .as("src/main/avro/%s.avsc cannot read data written with %s: %s", name, release,
              result.messages())
          .isTrue();
    }
  }

  @Test
  void everyReleasedSchemaShouldStillHaveACurrentSchema() throws IOException {
    try (Stream<Path> dirs = Files.list(RELEASED)) {
      List<String> released = dirs.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(currentSchemas().keySet())
          .as("a released record type was deleted: topics may still hold its data")
          .containsAll(released);
    }
  }

  @Test
  void releasedVersionsShouldBeNumberedFromOneWithoutGaps() {
    for (String name : currentSchemas().keySet()) {
      List<String> files = releasedVersions(name).stream()
          .map(p -> p.getFileName().toString()).toList();
      List<String> expected = Stream.iterate(1, i -> i + 1).limit(files.size())
          .map(i -> "v" + i + ".avsc").toList();
      assertThat(files).as("released/%s", name).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void everyTopicValueTypeShouldBeACheckedSchema() {
    for (Topic<?> topic : Topics.ALL) {
      Schema compiled = topic.valueSchema();
      assertThat(currentSchemas()).containsKey(compiled.getName());
      // The jar's generated class must match the .avsc the gate checked.
      assertThat(compiled).isEqualTo(currentSchemas().get(compiled.getName()));
    }
  }

  @Test
  void shouldReportAFieldAddedWithoutDefaultNamingTheField() {
    Schema released = parse(RELEASED.resolve("RunOutcome/v1.avsc"));
    Schema withRequiredField = addField(released,
        "{\"name\": \"validationAccuracy\", \"type\": \"double\", \"doc\": \"new\"}");

    CompatibilityResult result = AvroCompatibility.canRead(withRequiredField, released);

    assertThat(result.compatible()).isFalse();
    assertThat(result.messages()).singleElement().asString()
        .contains("validationAccuracy")
        .contains("default");
  }

  @Test
  void shouldAcceptAFieldAddedWithDefault() {
    Schema released = parse(RELEASED.resolve("RunOutcome/v1.avsc"));
    Schema withOptionalField = addField(released, "{\"name\": \"validationAccuracy\", "
        + "\"type\": [\"null\", \"double\"], \"default\": null, \"doc\": \"new\"}");

    assertThat(AvroCompatibility.canRead(withOptionalField, released).compatible()).isTrue();
    assertThat(AvroCompatibility.checkBackward(withOptionalField, List.of(released)).compatible())
        .isTrue();
  }

  @Test
  void shouldReportARemovedEnumSymbolThatTheEnumDefaultCannotCover() {
    Schema released = parse(RELEASED.resolve("RunOutcome/v1.avsc"));
    // Without a default symbol, dropping ABORTED breaks old records that hold it.
    String json = released.toString()
        .replace("\"COMPLETED\",\"FAILED\",\"ABORTED\",\"UNKNOWN\"],\"default\":\"UNKNOWN\"",
            "\"COMPLETED\",\"FAILED\",\"UNKNOWN\"]");
    assertThat(json).isNotEqualTo(released.toString());

    CompatibilityResult result =
        AvroCompatibility.checkBackward(new Schema.Parser().parse(json), List.of(released));

    assertThat(result.compatible()).isFalse();
    assertThat(result.messages()).anySatisfy(m -> assertThat(m).contains("ABORTED"));
  }

  private static Schema addField(Schema schema, String fieldJson) {
    String json = schema.toString();
    int end = json.lastIndexOf(']');
    return new Schema.Parser().parse(json.substring(0, end) + "," + fieldJson
        + json.substring(end));
  }

  static Map<String, Schema> currentSchemas() {
    try (Stream<Path> files = Files.list(CURRENT)) {
      return files.filter(p -> p.toString().endsWith(".avsc"))
          .collect(Collectors.toMap(
              p -> p.getFileName().toString().replace(".avsc", ""),
              ReleasedSchemasCompatibilityTest::parse, (a, b) -> a, TreeMap::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> releasedVersions(String name) {
    Path dir = RELEASED.resolve(name);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().matches("v\\d+\\.avsc"))
          .sorted((a, b) -> Integer.compare(version(a), version(b)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int version(Path file) {
    String name = file.getFileName().toString();
    return Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
  }

  static Schema parse(Path file) {
    try {
      return new Schema.Parser().parse(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
