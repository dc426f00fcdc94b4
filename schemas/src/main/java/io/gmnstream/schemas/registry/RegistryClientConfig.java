package io.gmnstream.schemas.registry;

import io.gmnstream.schemas.internal.ConfigValues;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * Validated settings of a {@link SchemaRegistryClient}. Invalid values fail in the constructor
 * with a {@link ConfigException} naming the configuration key, so a misconfigured service fails
 * at startup rather than at its first record.
 *
 * @param urls registry base URLs, tried in order (fail-over on connection errors)
 * @param basicAuthUser user for HTTP basic auth, or empty for none
 * @param basicAuthPassword password for HTTP basic auth (required with a user)
 * @param trustStorePath truststore with the CA of an https registry, or empty for the JVM default
 * @param trustStorePassword password of the truststore, or empty
 * @param trustStoreType format of the truststore
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout timeout of one HTTP request (each retry gets a fresh one)
 * @param maxRetries retries after the first attempt on connection errors, 5xx and 429
 * @param retryBackoff delay before the first retry; doubles per retry
 * @param retryBackoffMax upper bound of the retry delay
 */
public record RegistryClientConfig(
    List<URI> urls,
    Optional<String> basicAuthUser,
    Optional<String> basicAuthPassword,
    Optional<Path> trustStorePath,
    Optional<String> trustStorePassword,
    TrustStoreType trustStoreType,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxRetries,
    Duration retryBackoff,
    Duration retryBackoffMax) {

  public static final String URL = "schema.registry.url";
  public static final String BASIC_AUTH_USER = "schema.registry.basic.auth.user";
  public static final String BASIC_AUTH_PASSWORD = "schema.registry.basic.auth.password";
  public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
  public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
  public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
  public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
  public static final String MAX_RETRIES = "schema.registry.max.retries";
  public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
  public static final String RETRY_BACKOFF_MAX_MS = "schema.registry.retry.backoff.max.ms";

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_RETRIES = 3;
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(100);
  public static final Duration DEFAULT_RETRY_BACKOFF_MAX = Duration.ofSeconds(2);

  public RegistryClientConfig {
    urls = List.copyOf(Objects.requireNonNull(urls, URL));
    Objects.requireNonNull(basicAuthUser, BASIC_AUTH_USER);
    Objects.requireNonNull(basicAuthPassword, BASIC_AUTH_PASSWORD);
    Objects.requireNonNull(trustStorePath, TRUSTSTORE_LOCATION);
    Objects.requireNonNull(trustStorePassword, TRUSTSTORE_PASSWORD);
    Objects.requireNonNull(trustStoreType, TRUSTSTORE_TYPE);
    if (urls.isEmpty()) {
      throw new ConfigException(URL, "",
          "at least one registry URL is required, e.g. http://localhost:8081");
    }
    for (URI url : urls) {
      validateUrl(url);
    }
    if (basicAuthUser.isPresent() != basicAuthPassword.isPresent()) {
      throw new ConfigException(BASIC_AUTH_USER + " and " + BASIC_AUTH_PASSWORD
          + " must be set together (basic auth needs both) or both left unset");
    }
    basicAuthUser.ifPresent(user -> {
      if (user.contains(":")) {
        throw new ConfigException(BASIC_AUTH_USER, user, "must not contain ':' (RFC 7617)");
      }
    });
    trustStorePath.ifPresent(path -> {
      if (!Files.isReadable(path)) {
        throw new ConfigException(TRUSTSTORE_LOCATION, path.toString(),
            "no readable file there; point it at a " + TrustStoreType.allowedValues()
                + " truststore or leave it unset to use the JVM's default CAs");
      }
    });
    requirePositive(CONNECT_TIMEOUT_MS, connectTimeout);
    requirePositive(REQUEST_TIMEOUT_MS, requestTimeout);
    if (maxRetries < 0) {
      throw new ConfigException(MAX_RETRIES, maxRetries, "must be >= 0 (0 disables retries)");
    }
    requirePositive(RETRY_BACKOFF_MS, retryBackoff);
    requirePositive(RETRY_BACKOFF_MAX_MS, retryBackoffMax);
    if (retryBackoffMax.compareTo(retryBackoff) < 0) {
      throw new ConfigException(RETRY_BACKOFF_MAX_MS, retryBackoffMax.toMillis(),
          "must be >= " + RETRY_BACKOFF_MS + " (" + retryBackoff.toMillis() + ")");
    }
  }

  /** Defaults everywhere except the URLs: no auth, JVM default trust. */
  public static RegistryClientConfig of(URI... urls) {
    return new RegistryClientConfig(List.of(urls), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), TrustStoreType.PKCS12, DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_RETRIES, DEFAULT_RETRY_BACKOFF,
        DEFAULT_RETRY_BACKOFF_MAX);
  }

  /** Reads the {@code schema.registry.*} keys of a Kafka configs map. */
  public static RegistryClientConfig fromMap(Map<String, ?> configs) {
    ConfigValues values = new ConfigValues(configs);
    String urlList = values.string(URL).orElseThrow(() -> new ConfigException(URL, null,
        "is required: comma-separated registry URLs, e.g. http://localhost:8081"));
    List<URI> urls = Arrays.stream(urlList.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(s -> parseUrl(s))
        .toList();
    return new RegistryClientConfig(
        urls,
        values.string(BASIC_AUTH_USER),
        values.string(BASIC_AUTH_PASSWORD),
        values.string(TRUSTSTORE_LOCATION).map(Path::of),
        values.string(TRUSTSTORE_PASSWORD),
        values.string(TRUSTSTORE_TYPE).map(t -> TrustStoreType.parse(TRUSTSTORE_TYPE, t))
            .orElse(TrustStoreType.PKCS12),
        values.millis(CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT),
        values.millis(REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT),
        values.integer(MAX_RETRIES, DEFAULT_MAX_RETRIES),
        values.millis(RETRY_BACKOFF_MS, DEFAULT_RETRY_BACKOFF),
        values.millis(RETRY_BACKOFF_MAX_MS, DEFAULT_RETRY_BACKOFF_MAX));
  }

  /** Same settings with other credentials. */
  public RegistryClientConfig withBasicAuth(String user, String password) {
    return new RegistryClientConfig(urls, Optional.of(user), Optional.of(password),
        trustStorePath, trustStorePassword, trustStoreType, connectTimeout, requestTimeout,
        maxRetries, retryBackoff, retryBackoffMax);
  }

  /** Same settings with another truststore. */
  public RegistryClientConfig withTrustStore(Path path, String password, TrustStoreType type) {
    return new RegistryClientConfig(urls, basicAuthUser, basicAuthPassword, Optional.of(path),
        Optional.ofNullable(password), type, connectTimeout, requestTimeout, maxRetries,
        retryBackoff, retryBackoffMax);
  }

  /** Same settings with another retry policy. */
  public RegistryClientConfig withRetries(int retries, Duration backoff, Duration backoffMax) {
    return new RegistryClientConfig(urls, basicAuthUser, basicAuthPassword, trustStorePath,
        trustStorePassword, trustStoreType, connectTimeout, requestTimeout, retries, backoff,
        backoffMax);
  }

  /** Same settings with other timeouts. */
  public RegistryClientConfig withTimeouts(Duration connect, Duration request) {
    return new RegistryClientConfig(urls, basicAuthUser, basicAuthPassword, trustStorePath,
        trustStorePassword, trustStoreType, connect, request, maxRetries, retryBackoff,
        retryBackoffMax);
  }

  /** Never prints secrets. */
  @Override
  public String toString() {
    return "RegistryClientConfig[urls=" + urls
        + ", basicAuthUser=" + basicAuthUser.orElse("<none>")
        + ", basicAuthPassword=" + basicAuthPassword.map(p -> "<hidden>").orElse("<none>")
        + ", trustStorePath=" + trustStorePath.map(Path::toString).orElse("<jvm default>")
        + ", trustStoreType=" + trustStoreType
        + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
        + ", maxRetries=" + maxRetries + ", retryBackoff=" + retryBackoff
        + ", retryBackoffMax=" + retryBackoffMax + "]";
  }

  private static URI parseUrl(String text) {
    try {
      return URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(URL, text, "not a valid URL: " + e.getMessage());
    }
  }

  private static void validateUrl(URI url) {
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new ConfigException(URL, url.toString(), "scheme must be one of: http, https");
    }
    if (url.getHost() == null) {
      throw new ConfigException(URL, url.toString(), "has no host, e.g. http://localhost:8081");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new ConfigException(URL, url.toString(), "must not have a query or fragment");
    }
  }

  private static void requirePositive(String key, Duration value) {
    Objects.requireNonNull(value, key);
    if (value.isNegative() || value.isZero()) {
      throw new ConfigException(key, value.toMillis(), "must be > 0 milliseconds");
    }
  }
}
