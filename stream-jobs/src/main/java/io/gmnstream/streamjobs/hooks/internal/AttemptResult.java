package io.gmnstream.streamjobs.hooks.internal;

import java.time.Duration;
import java.util.Optional;

/** How one HTTP attempt of a delivery ended. */
public sealed interface AttemptResult {

  /** The endpoint took the alert (2xx). */
  record Accepted(int status) implements AttemptResult {}

  /**
   * Worth trying again: a timeout, a connection error, 5xx, 408 or 429.
   *
   * @param error what went wrong, for logs and the dead letter
   * @param retryAfter the receiver's {@code Retry-After}, if it sent one in seconds
   */
  record Retryable(String error, Optional<Duration> retryAfter) implements AttemptResult {}

  /** Trying again would get the same answer: any other 4xx, or a redirect (not followed). */
  record Refused(String error) implements AttemptResult {}
}
