package io.gmnstream.streamjobs.hooks.internal;

import java.time.Duration;
import java.util.Optional;

/** How long to wait before the next attempt of a delivery. */
public interface RetrySchedule {

  /**
   * The delay before retrying after {@code failedAttempts} failed attempts (1 for the first retry).
   *
   * @param retryAfter what the receiver asked for, if anything
   */
  Duration delayBeforeRetry(int failedAttempts, Optional<Duration> retryAfter);
}
