package io.gmnstream.launcher.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gmnstream.launcher.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a {@code run} config file strictly: an unknown key (a typo) or a missing required one is an
 * error naming the key and its place in the file, raised before anything starts. Values may refer
 * to environment variables ({@link EnvReferences}).
 */
final class ConfigFileReader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private ConfigFileReader() {}

  /** Reads {@code file}, replacing {@code ${NAME}} in its values from {@code environment}. */
  static ServiceConfigFile read(Path file, Map<String, String> environment) {
    JsonNode tree = parse(file);
    try {
      EnvReferences.resolve(tree, environment);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(file + ": " + e.getMessage(), e);
    }
    return bind(file, tree);
  }

  private static JsonNode parse(Path file) {
    try {
      JsonNode tree = YAML.readTree(Files.readString(file));
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        throw new BadInputException(file + " is empty; see deploy/config/ for examples");
      }
      return tree;
    } catch (NoSuchFileException e) {
      throw new BadInputException("config file " + file + " does not exist");
    } catch (JsonProcessingException e) {
      throw new BadInputException(file + " is not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new BadInputException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
  }

  private static ServiceConfigFile bind(Path file, JsonNode tree) {
    try {
      return YAML.treeToValue(tree, ServiceConfigFile.class);
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
      throw new BadInputException(file + ": unknown key '" + path(e) + "' (known here: " + known + ")", e);
    } catch (JsonMappingException e) {
      throw new BadInputException(file + ": " + path(e) + ": " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new BadInputException(file + " does not fit a run config: " + e.getOriginalMessage(), e);
    }
  }

  /** {@code graphBuilder.flink.mode} for the place an error points at. */
  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }
}
