package io.gmnstream.schemas.registry;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds Confluent REST API URLs; subjects are percent-encoded as one path segment. */
final class RegistryPaths {

  private RegistryPaths() {}

  static String register(String subject) {
    return "/subjects/" + encode(subject) + "/versions";
  }

  static String lookup(String subject) {
    return "/subjects/" + encode(subject);
  }

  static String latest(String subject) {
    return "/subjects/" + encode(subject) + "/versions/latest";
  }

  static String schemaById(int id) {
    return "/schemas/ids/" + id;
  }

  /** verbose=true asks the registry to say why a schema is incompatible. */
  static String compatibility(String subject) {
    return "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true";
  }

  /** Appends an API path to a base URL that may itself have a path (a registry behind a proxy). */
  static URI resolve(URI base, String path) {
    String text = base.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text + path);
  }

  /**
   * Percent-encodes one path segment. URLEncoder does form encoding, so '+' (a space there) is
   * turned back into %20, and '/' must be escaped or it would split the segment.
   */
  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
