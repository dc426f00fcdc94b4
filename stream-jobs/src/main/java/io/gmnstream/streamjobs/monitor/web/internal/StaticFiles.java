package io.gmnstream.streamjobs.monitor.web.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Files under one classpath folder, served with their content type. Only plain relative names are
 * looked up (letters, digits, {@code ._-}, no segment starting with a dot), so no request can climb
 * out of the folder; only known file types are served, so no folder listing either. Files found
 * are cached: they come from a jar and never change while the monitor runs.
 */
public final class StaticFiles {

  private static final Pattern SAFE_RELATIVE_PATH =
      Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

  private static final Map<String, String> CONTENT_TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "json", "application/json; charset=utf-8",
      "map", "application/json; charset=utf-8",
      "svg", "image/svg+xml",
      "png", "image/png",
      "ico", "image/x-icon");

  /** The page's scripts and styles come only from here; Chart.js sets styles from script. */
  private static final String PAGE_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
      + "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

  private final String classpathFolder;
  private final String cacheControl;
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  /**
   * @param classpathFolder e.g. {@code io/gmnstream/web/}, with the trailing slash
   * @param cacheControl the Cache-Control header sent with every file
   */
  public StaticFiles(String classpathFolder, String cacheControl) {
    if (!classpathFolder.endsWith("/") || classpathFolder.startsWith("/")) {
      throw new IllegalArgumentException("classpathFolder must be relative and end with '/', got " + classpathFolder);
    }
    this.classpathFolder = classpathFolder;
    this.cacheControl = cacheControl;
  }

  /** Answers with the file at {@code relativePath}: 200, 404 when there is none, 400 for a path refused. */
  public void serve(HttpExchange exchange, String relativePath) throws IOException {
    if (!SAFE_RELATIVE_PATH.matcher(relativePath).matches()) {
      HttpResponses.error(exchange, 400, "refused path: file names are letters, digits and ._- in folders, "
          + "with no segment starting with '.'");
      return;
    }
    Optional<String> contentType = contentType(relativePath);
    Optional<byte[]> body = contentType.isEmpty() ? Optional.empty() : read(relativePath);
    if (body.isEmpty()) {
      HttpResponses.notFound(exchange);
      return;
    }
    exchange.getResponseHeaders().set("Cache-Control", cacheControl);
    if (relativePath.endsWith(".html")) {
      exchange.getResponseHeaders().set("Content-Security-Policy", PAGE_SECURITY_POLICY);
      exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    }
    HttpResponses.send(exchange, 200, contentType.get(), body.get());
  }

  private static Optional<String> contentType(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? Optional.empty() : Optional.ofNullable(CONTENT_TYPES.get(path.substring(dot + 1)));
  }

  private Optional<byte[]> read(String relativePath) {
    byte[] cached = cache.get(relativePath);
    if (cached != null) {
      return Optional.of(cached);
    }
    // Misses are not cached: requests for made-up names must not grow the cache.
    try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(classpathFolder + relativePath)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] body = in.readAllBytes();
      cache.putIfAbsent(relativePath, body);
      return Optional.of(body);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + classpathFolder + relativePath + " from the classpath", e);
    }
  }
}
