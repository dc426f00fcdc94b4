package io.gmnstream.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** House rules every schema in src/main/avro must follow (see schemas/README.md). */
class SchemaConventionsTest {

  @Test
  void everyEnumShouldHaveADefaultSymbol() {
    List<String> violations = new ArrayList<>();
    forEachNamed(s -> {
      if (s.getType() == Schema.Type.ENUM && s.getEnumDefault() == null) {
        violations.add(s.getFullName());
      }
    });
    assertThat(violations).as("enums without a default symbol (readers break on new symbols)")
        .isEmpty();
  }

  @Test
  void everyRecordAndFieldShouldHaveADoc() {
    List<String> violations = new ArrayList<>();
    forEachNamed(s -> {
      if (s.getType() == Schema.Type.RECORD) {
        if (s.getDoc() == null || s.getDoc().isBlank()) {
          violations.add(s.getFullName());
        }
        s.getFields().stream().filter(f -> f.doc() == null || f.doc().isBlank())
            .forEach(f -> violations.add(s.getFullName() + "." + f.name()));
      }
    });
    assertThat(violations).as("records and fields without a doc").isEmpty();
  }

  @Test
  void everyMillisTimestampShouldBeALongTimestampMillis() {
    List<String> violations = new ArrayList<>();
    forEachNamed(s -> {
      if (s.getType() == Schema.Type.RECORD) {
        s.getFields().stream().filter(f -> f.name().endsWith("AtMillis"))
            .filter(f -> !(f.schema().getLogicalType() instanceof LogicalTypes.TimestampMillis))
            .forEach(f -> violations.add(s.getFullName() + "." + f.name()));
      }
    });
    assertThat(violations).as("*AtMillis fields that are not timestamp-millis").isEmpty();
  }

  @Test
  void everySchemaShouldLiveInTheAvroNamespace() {
    forEachNamed(s -> assertThat(s.getNamespace()).as(s.getFullName())
        .isEqualTo("io.gmnstream.schemas.avro"));
  }

  private static void forEachNamed(java.util.function.Consumer<Schema> check) {
    Set<String> seen = new HashSet<>();
    for (Schema top : ReleasedSchemasCompatibilityTest.currentSchemas().values()) {
      walk(top, seen, check);
    }
    assertThat(seen).as("schemas found").hasSizeGreaterThanOrEqualTo(7);
  }

  private static void walk(Schema schema, Set<String> seen, java.util.function.Consumer<Schema> check) {
    switch (schema.getType()) {
      case RECORD -> {
        if (seen.add(schema.getFullName())) {
          check.accept(schema);
          schema.getFields().forEach(f -> walk(f.schema(), seen, check));
        }
      }
      case ENUM, FIXED -> {
        if (seen.add(schema.getFullName())) {
          check.accept(schema);
        }
      }
      case ARRAY -> walk(schema.getElementType(), seen, check);
      case MAP -> walk(schema.getValueType(), seen, check);
      case UNION -> schema.getTypes().forEach(t -> walk(t, seen, check));
      default -> { }
    }
  }
}
