package io.gmnstream.streamjobs.blob;

import io.gmnstream.schemas.avro.DeadLetterReason;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a blob URI may be fetched: only file:, http: and https: URIs under one of the
 * allowed prefixes. Checks are done on the normalised URI before anything is opened; a file is also
 * checked by its real path, so a symbolic link cannot lead out of an allowed directory.
 */
public final class BlobUriPolicy {

  /** A location that passed the policy. */
  public sealed interface Location permits FileLocation, HttpLocation {
    /** The normalised URI. */
    URI uri();
  }

  /** A local file, by its real path (symbolic links resolved). */
  public record FileLocation(URI uri, Path realPath) implements Location {}

  /** An http(s) resource on an allowed host and path. */
  public record HttpLocation(URI uri) implements Location {}

  /** One allowed prefix, split into comparable parts. */
  record Prefix(String scheme, String host, int port, List<String> segments, String text) {
    boolean isFile() {
      return scheme.equals("file");
    }

    Path path() {
      return Path.of("/" + String.join("/", segments));
    }
  }

  private final List<Prefix> prefixes;

  public BlobUriPolicy(List<String> allowedPrefixes) {
    this.prefixes = allowedPrefixes.stream().map(BlobUriPolicy::parsePrefix).toList();
  }

  /**
   * The location of an allowed URI.
   *
   * @throws BlobFetchException URI_NOT_ALLOWED when the URI is malformed, of another scheme or host,
   *     has {@code ..} segments, or lies (or leads through a link) outside every allowed prefix;
   *     BLOB_MISSING when an allowed file does not exist
   */
  public Location check(String uriText) {
    URI uri = parse(uriText);
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    List<String> segments = segments(uri, uriText);
    return switch (scheme) {
      case "file" -> checkFile(uri, segments, uriText);
      case "http", "https" -> checkHttp(uri, scheme, segments, uriText);
      default -> throw refused(uriText, "scheme '" + scheme + "' is not fetched; use file:, http: or https:");
    };
  }

  /** Parses one configured prefix; IllegalArgumentException names the field and says what is wrong. */
  static Prefix parsePrefix(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("blobs.allowedPrefixes must not contain a blank entry");
    }
    URI uri;
    try {
      uri = new URI(text.trim()); // not normalised: a '..' must be refused, not resolved
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("blobs.allowedPrefixes entry '" + text + "' is not a URI: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!List.of("file", "http", "https").contains(scheme) || uri.isOpaque()) {
      throw new IllegalArgumentException("blobs.allowedPrefixes entry '" + text
          + "' must be an absolute file:///, http:// or https:// URI, e.g. file:///data/blobs/");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("blobs.allowedPrefixes entry '" + text
          + "' must not have user info, a query or a fragment");
    }
    List<String> segments = Arrays.stream(uri.getPath() == null ? new String[0] : uri.getPath().split("/"))
        .filter(s -> !s.isEmpty() && !s.equals(".")).toList();
    if (segments.contains("..")) {
      throw new IllegalArgumentException("blobs.allowedPrefixes entry '" + text + "' must not contain '..'");
    }
    if (scheme.equals("file")) {
      if (!isLocalHost(uri.getHost())) {
        throw new IllegalArgumentException("blobs.allowedPrefixes entry '" + text
            + "' names a remote host; file URIs must be local (file:///path)");
      }
      return new Prefix(scheme, "", -1, segments, text);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("blobs.allowedPrefixes entry '" + text + "' has no host");
    }
    return new Prefix(scheme, uri.getHost().toLowerCase(Locale.ROOT), port(uri, scheme), segments, text);
  }

  private Location checkFile(URI uri, List<String> segments, String uriText) {
    String authority = uri.getRawAuthority();
    if (authority != null && !authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
      throw refused(uriText, "file URIs must name a local path (file:///path), not host '" + authority + "'");
    }
    if (uri.getRawQuery() != null) {
      throw refused(uriText, "file URIs must not have a query");
    }
    Path path = path(segments, uriText);
    List<Prefix> matching = prefixes.stream().filter(Prefix::isFile).filter(p -> path.startsWith(p.path())).toList();
    if (matching.isEmpty()) {
      throw refused(uriText, "it is not under an allowed prefix " + allowedText());
    }
    Path real;
    try {
      real = path.toRealPath();
    } catch (NoSuchFileException e) {
      throw new BlobFetchException(DeadLetterReason.BLOB_MISSING,
          "blob " + uriText + " does not exist: upload it before publishing the checkpoint", e);
    } catch (IOException e) {
      throw new BlobFetchException(DeadLetterReason.BLOB_MISSING, "blob " + uriText + " cannot be resolved: " + e, e);
    }
    // Resolved links must still land inside an allowed directory (itself resolved).
    boolean inside = prefixes.stream().filter(Prefix::isFile)
        .map(BlobUriPolicy::realPrefixPath).flatMap(Optional::stream).anyMatch(real::startsWith);
    if (!inside) {
      throw refused(uriText, "it resolves through a symbolic link to " + real + ", outside the allowed prefixes "
          + allowedText());
    }
    return new FileLocation(path.toUri(), real);
  }

  private Location checkHttp(URI uri, String scheme, List<String> segments, String uriText) {
    if (uri.getRawUserInfo() != null) {
      throw refused(uriText, "credentials in the URI are not allowed");
    }
    if (uri.getHost() == null) {
      throw refused(uriText, "it has no host");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = port(uri, scheme);
    boolean allowed = prefixes.stream().anyMatch(p -> p.scheme().equals(scheme) && p.host().equals(host)
        && p.port() == port && startsWith(segments, p.segments()));
    if (!allowed) {
      throw refused(uriText, "scheme, host, port or path is not under an allowed prefix " + allowedText());
    }
    try {
      URI normalised = new URI(scheme, null, host, port, "/" + String.join("/", segments), uri.getQuery(), null);
      return new HttpLocation(normalised);
    } catch (URISyntaxException e) {
      throw refused(uriText, "it cannot be normalised: " + e.getMessage());
    }
  }

  private static URI parse(String uriText) {
    if (uriText == null || uriText.isBlank()) {
      throw refused(String.valueOf(uriText), "it is empty");
    }
    URI uri;
    try {
      uri = new URI(uriText);
    } catch (URISyntaxException e) {
      throw refused(uriText, "it is not a valid URI: " + e.getMessage());
    }
    if (uri.getScheme() == null || uri.isOpaque()) {
      throw refused(uriText, "it is not an absolute hierarchical URI such as file:///data/blobs/x.safetensors");
    }
    if (uri.getRawFragment() != null) {
      throw refused(uriText, "it has a fragment");
    }
    return uri;
  }

  /** Decoded, non-empty path segments; refuses traversal and encoded separators before any normalising. */
  private static List<String> segments(URI uri, String uriText) {
    String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
    String lower = rawPath.toLowerCase(Locale.ROOT);
    if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") || rawPath.contains("\\")) {
      throw refused(uriText, "it has an encoded separator, backslash or NUL in its path");
    }
    List<String> segments = new ArrayList<>();
    for (String segment : uri.getPath().split("/")) {
      if (segment.equals("..")) {
        throw refused(uriText, "it has a '..' segment; reference the blob by its direct path");
      }
      if (!segment.isEmpty() && !segment.equals(".")) {
        segments.add(segment);
      }
    }
    return segments;
  }

  private static Path path(List<String> segments, String uriText) {
    try {
      return Path.of("/" + String.join("/", segments));
    } catch (InvalidPathException e) {
      throw refused(uriText, "it is not a valid local path: " + e.getMessage());
    }
  }

  private static Optional<Path> realPrefixPath(Prefix prefix) {
    try {
      return Optional.of(prefix.path().toRealPath());
    } catch (IOException e) {
      return Optional.empty(); // an allowed directory that does not exist allows nothing
    }
  }

  private static boolean startsWith(List<String> segments, List<String> prefix) {
    return segments.size() >= prefix.size() && segments.subList(0, prefix.size()).equals(prefix);
  }

  private static boolean isLocalHost(String host) {
    return host == null || host.isEmpty() || host.equalsIgnoreCase("localhost");
  }

  private static int port(URI uri, String scheme) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return scheme.equals("https") ? 443 : 80;
  }

  private String allowedText() {
    return prefixes.isEmpty() ? "(none are configured: set blobs.allowedPrefixes)"
        : prefixes.stream().map(Prefix::text).toList().toString();
  }

  private static BlobFetchException refused(String uriText, String why) {
    return new BlobFetchException(DeadLetterReason.URI_NOT_ALLOWED, "blob URI " + uriText + " is refused: " + why);
  }
}
