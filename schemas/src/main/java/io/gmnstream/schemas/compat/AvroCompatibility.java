package io.gmnstream.schemas.compat;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * Avro schema compatibility with readable reasons. BACKWARD (the rule of every gmn-stream
 * subject) means consumers using the new schema can read data written with the old one: the new
 * schema is the reader, the old one the writer.
 */
public final class AvroCompatibility {

  private AvroCompatibility() {}

  /** Whether {@code reader} can read data written with {@code writer}, and if not, why. */
  public static CompatibilityResult canRead(Schema reader, Schema writer) {
    SchemaCompatibility.SchemaPairCompatibility pair =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return CompatibilityResult.ok();
    }
    List<String> messages = pair.getResult().getIncompatibilities().stream()
        .map(AvroCompatibility::describe)
        .toList();
    return new CompatibilityResult(false, messages);
  }

  /** Whether {@code current} is BACKWARD compatible with every schema in {@code previous}. */
  public static CompatibilityResult checkBackward(Schema current, List<Schema> previous) {
    List<String> messages = previous.stream()
        .flatMap(old -> canRead(current, old).messages().stream())
        .distinct()
        .toList();
    return new CompatibilityResult(messages.isEmpty(), messages);
  }

  private static String describe(SchemaCompatibility.Incompatibility incompatibility) {
    String where = incompatibility.getLocation();
    String detail = incompatibility.getMessage();
    SchemaIncompatibilityType type = incompatibility.getType();
    return switch (type) {
      case READER_FIELD_MISSING_DEFAULT_VALUE -> "field '" + detail + "' (at " + where
          + ") was added without a default value: old records do not have it; give it a default";
      case MISSING_ENUM_SYMBOLS -> "enum symbols " + detail + " (at " + where + ") were removed: "
          + "old records may hold them; keep them, or give the enum a default symbol";
      case MISSING_UNION_BRANCH -> "union branch " + detail + " (at " + where + ") was removed: "
          + "old records may use it";
      case TYPE_MISMATCH, NAME_MISMATCH, FIXED_SIZE_MISMATCH -> type + " at " + where + ": "
          + detail + " (change types only by Avro promotion, e.g. int -> long)";
      default -> type + " at " + where + ": " + detail;
    };
  }
}
