package io.gmnstream.launcher.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gmnstream.launcher.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Reads a {@code run} config file strictly: an unknown key (a typo) or a missing required one is an
 * error naming the key and its place in the file, raised before anything starts.
 */
final class ConfigFileReader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private ConfigFileReader() {}

  static ServiceConfigFile read(Path file) {
    try {
      ServiceConfigFile config = YAML.readValue(Files.readString(file), ServiceConfigFile.class);
      if (config == null) {
        throw new BadInputException(file + " is empty; see deploy/config/ for examples");
      }
      return config;
    } catch (NoSuchFileException e) {
      throw new BadInputException("config file " + file + " does not exist");
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
      throw new BadInputException(file + ": unknown key '" + path(e) + "' (known here: " + known + ")", e);
    } catch (JsonMappingException e) {
      throw new BadInputException(file + ": " + path(e) + ": " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new BadInputException(file + " is not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new BadInputException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
  }

  /** {@code graphBuilder.flink.mode} for the place an error points at. */
  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }
}
