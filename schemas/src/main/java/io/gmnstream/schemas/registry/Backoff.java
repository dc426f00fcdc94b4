package io.gmnstream.schemas.registry;

import java.time.Duration;

/**
 * Exponential backoff: the delay before retry n (1-based) is {@code initial * 2^(n-1)}, capped at
 * {@code max}. No jitter: a handful of clients per registry do not stampede.
 */
record Backoff(Duration initial, Duration max) {

  Duration delayBeforeRetry(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry is 1-based, got " + retry);
    }
    // Shifting past 62 bits would overflow; by then the cap applies anyway.
    int doublings = Math.min(retry - 1, 30);
    long millis = initial.toMillis();
    long delay = millis > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : millis << doublings;
    return delay >= max.toMillis() ? max : Duration.ofMillis(delay);
  }
}
