package io.gmnstream.streamjobs.hooks.internal;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/** Decides whether an attempt succeeded, may be retried, or was refused for good. */
final class ResponseClassifier {

  private ResponseClassifier() {}

  /**
   * A response: 2xx accepted; 408, 429 and 5xx retryable (honouring {@code Retry-After}
   * seconds); a redirect or any other 4xx refused, since the same request would fail the same way.
   */
  static AttemptResult classify(int status, Optional<String> retryAfterHeader, String bodySnippet) {
    String error = "HTTP " + status + (bodySnippet.isEmpty() ? "" : ": " + bodySnippet);
    if (status >= 200 && status < 300) {
      return new AttemptResult.Accepted(status);
    }
    if (status == 408 || status == 429 || status >= 500) {
      return new AttemptResult.Retryable(error, retryAfterSeconds(retryAfterHeader));
    }
    if (status >= 300 && status < 400) {
      return new AttemptResult.Refused(error + " (a redirect; redirects are not followed: "
          + "configure the final URL)");
    }
    return new AttemptResult.Refused(error);
  }

  /** No response: timeouts and I/O errors are retryable, as the endpoint may come back. */
  static AttemptResult classify(Throwable failure, Duration requestTimeout) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
      return new AttemptResult.Retryable("timed out: no response within " + requestTimeout,
          Optional.empty());
    }
    if (cause instanceof ConnectException) {
      return new AttemptResult.Retryable("cannot connect: " + cause, Optional.empty());
    }
    return new AttemptResult.Retryable(cause.toString(), Optional.empty());
  }

  /** {@code Retry-After} in delta-seconds; an HTTP-date or garbage is ignored (the backoff applies). */
  static Optional<Duration> retryAfterSeconds(Optional<String> header) {
    return header.map(String::trim).filter(v -> v.matches("\\d{1,9}"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v)));
  }
}
