package io.gmnstream.streamjobs.hooks.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * {@code initial * 2^(failedAttempts-1)}, capped at {@code max}, less up to 20% random jitter so
 * that deliveries failing together do not retry together. Taking jitter off (never adding it)
 * keeps the cap a hard bound and keeps each delay longer than the previous one until the cap.
 * A receiver's {@code Retry-After} replaces the computed delay, capped at {@code max} too.
 *
 * <p>The random source is seeded by the caller, so one seed always gives one schedule. Not
 * thread-safe: each endpoint worker has its own.
 */
public final class ExponentialBackoff implements RetrySchedule {

  static final double JITTER = 0.2;

  private final Duration initial;
  private final Duration max;
  private final Random random;

  public ExponentialBackoff(Duration initial, Duration max, long seed) {
    this.initial = Objects.requireNonNull(initial, "initial");
    this.max = Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max, got initial=" + initial
          + ", max=" + max);
    }
    this.random = new Random(seed);
  }

  @Override
  public Duration delayBeforeRetry(int failedAttempts, Optional<Duration> retryAfter) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failedAttempts must be >= 1, got " + failedAttempts);
    }
    double jitter = random.nextDouble(); // drawn even with Retry-After: the schedule stays one per seed
    if (retryAfter.isPresent()) {
      return min(retryAfter.get(), max);
    }
    long cap = max.toNanos();
    long base = initial.toNanos();
    // Doubling stops at the cap, so it cannot overflow however many attempts failed.
    for (int i = 1; i < failedAttempts && base < cap; i++) {
      base *= 2;
    }
    base = Math.min(base, cap);
    return Duration.ofNanos(base - (long) (base * JITTER * jitter));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
