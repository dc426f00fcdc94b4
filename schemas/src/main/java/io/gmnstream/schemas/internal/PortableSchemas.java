package io.gmnstream.schemas.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Strips the Java-only {@code avro.java.string} properties that the code generator adds to every
 * string, so what we register reads the same as the .avsc to a Python or Go consumer. Not API.
 */
public final class PortableSchemas {

  private static final String JAVA_STRING_PROP = "avro.java.string";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Few schemas per JVM (one per generated class): cache the rewrite. */
  private static final Map<Schema, Schema> CACHE = new ConcurrentHashMap<>();

  private PortableSchemas() {}

  public static Schema of(Schema schema) {
    return CACHE.computeIfAbsent(schema, PortableSchemas::strip);
  }

  private static Schema strip(Schema schema) {
    try {
      JsonNode tree = MAPPER.readTree(schema.toString());
      removeJavaProps(tree);
      return new Schema.Parser().parse(MAPPER.writeValueAsString(tree));
    } catch (JsonProcessingException e) {
      // Avro's own JSON output failed to parse: a bug, not bad input.
      throw new UncheckedIOException("Cannot rewrite schema " + schema.getFullName(), e);
    }
  }

  private static void removeJavaProps(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(JAVA_STRING_PROP);
    }
    node.forEach(PortableSchemas::removeJavaProps);
  }
}
