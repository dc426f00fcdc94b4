package io.gmnstream.streamjobs.hooks;

import io.gmnstream.schemas.SecretRedaction;
import io.gmnstream.schemas.avro.AlertSeverity;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One webhook the alert hooks deliver to. The constructor refuses bad values with an
 * IllegalArgumentException naming the field, so a misconfigured service fails at startup.
 *
 * @param name short unique name, used in logs, metrics tags and dead-letter details (the URL is
 *     not: Slack-style URLs carry their token in the path)
 * @param url where to POST, {@code http} or {@code https}; redirects are not followed
 * @param format the body shape the receiver expects
 * @param secret key of the {@value WebhookHeaders#SIGNATURE} header; empty: requests are unsigned
 * @param requestTimeout how long one attempt may wait for the response before it counts as a
 *     (retried) failure
 * @param minSeverity deliver only alerts at least this severe; empty: every alert. Alerts whose
 *     severity this build does not know (UNKNOWN) are always delivered rather than silently dropped
 */
public record WebhookEndpoint(
    String name,
    URI url,
    BodyFormat format,
    Optional<String> secret,
    Duration requestTimeout,
    Optional<AlertSeverity> minSeverity) {

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public WebhookEndpoint {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("WebhookEndpoint.name must be 1-64 characters of "
          + "[A-Za-z0-9._-] starting with a letter or digit (it tags metrics), got '" + name + "'");
    }
    String field = "WebhookEndpoint '" + name + "'.";
    Objects.requireNonNull(url, field + "url");
    validateUrl(field + "url", url);
    Objects.requireNonNull(format, field + "format");
    Objects.requireNonNull(secret, field + "secret");
    if (secret.isPresent() && secret.get().isBlank()) {
      throw new IllegalArgumentException(field + "secret must not be blank: set a shared secret "
          + "or leave it empty to send unsigned requests");
    }
    Objects.requireNonNull(requestTimeout, field + "requestTimeout");
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException(field + "requestTimeout must be > 0, got " + requestTimeout);
    }
    Objects.requireNonNull(minSeverity, field + "minSeverity");
    if (minSeverity.filter(s -> s == AlertSeverity.UNKNOWN).isPresent()) {
      throw new IllegalArgumentException(field + "minSeverity must be one of INFO, WARNING, "
          + "CRITICAL (or empty for every alert), got UNKNOWN");
    }
  }

  /** An unsigned endpoint with the default timeout that receives every alert. */
  public static WebhookEndpoint of(String name, URI url, BodyFormat format) {
    return new WebhookEndpoint(name, url, format, Optional.empty(), DEFAULT_REQUEST_TIMEOUT,
        Optional.empty());
  }

  public WebhookEndpoint withSecret(String value) {
    return new WebhookEndpoint(name, url, format, Optional.of(value), requestTimeout, minSeverity);
  }

  public WebhookEndpoint withRequestTimeout(Duration value) {
    return new WebhookEndpoint(name, url, format, secret, value, minSeverity);
  }

  public WebhookEndpoint withMinSeverity(AlertSeverity value) {
    return new WebhookEndpoint(name, url, format, secret, requestTimeout, Optional.of(value));
  }

  /** Whether alerts of this severity go to this endpoint. */
  public boolean accepts(AlertSeverity severity) {
    if (minSeverity.isEmpty() || severity == AlertSeverity.UNKNOWN) {
      return true;
    }
    return rank(severity) >= rank(minSeverity.get());
  }

  /** Never prints the secret, nor the URL's path and query (which may hold a token). */
  @Override
  public String toString() {
    return "WebhookEndpoint[name=" + name + ", url=" + redacted(url) + ", format=" + format
        + ", secret=" + secret.map(s -> SecretRedaction.HIDDEN).orElse("<none>")
        + ", requestTimeout=" + requestTimeout
        + ", minSeverity=" + minSeverity.map(Enum::name).orElse("<all>") + "]";
  }

  private static int rank(AlertSeverity severity) {
    return switch (severity) {
      case INFO -> 0;
      case WARNING -> 1;
      case CRITICAL -> 2;
      case UNKNOWN -> throw new IllegalArgumentException("UNKNOWN has no rank: accepts() lets it through");
    };
  }

  private static String redacted(URI url) {
    String port = url.getPort() == -1 ? "" : ":" + url.getPort();
    boolean hasMore = url.getRawPath() != null && url.getRawPath().length() > 1
        || url.getRawQuery() != null;
    return url.getScheme() + "://" + url.getHost() + port + (hasMore ? "/" + SecretRedaction.HIDDEN : "");
  }

  private static void validateUrl(String field, URI url) {
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException(field + " must be an http or https URL, got scheme '"
          + scheme + "'");
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException(field + " has no host; use e.g. "
          + "https://hooks.example.com/gmn");
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(field + " must not carry user info (user:password@): "
          + "use the secret to authenticate requests");
    }
    if (url.getRawFragment() != null) {
      throw new IllegalArgumentException(field + " must not have a #fragment: it is never sent");
    }
  }
}
