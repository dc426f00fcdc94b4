package io.gmnstream.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the YAML documents of a file ("---" separated) as JSON trees; empty documents are skipped. */
final class YamlDocuments {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      // A key written twice would silently keep the last value: a manifest mistake, so an error.
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private YamlDocuments() {}

  static List<ObjectNode> read(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<ObjectNode> parse(String yaml, String source) {
    List<ObjectNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode document = it.next();
        if (document == null || document.isNull() || document.isMissingNode()) {
          continue;
        }
        if (!document.isObject()) {
          throw new IllegalArgumentException(source + ": a document is not a mapping: " + document);
        }
        documents.add((ObjectNode) document);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(source + " is not valid YAML", e);
    }
    return documents;
  }
}
