package io.gmnstream.streamjobs.monitor.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/** Waits for a condition on a running Kafka Streams application, polling until a deadline. */
public final class Eventually {

  private static final Duration POLL = Duration.ofMillis(100);

  private Eventually() {}

  /**
   * Polls until the condition holds; fails with {@code what} at the deadline. A store that is not
   * queryable yet (the application is still rebalancing) counts as "not yet", and is reported if it
   * is still the case at the deadline.
   */
  public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    InvalidStateStoreException lastNotQueryable = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (InvalidStateStoreException e) {
        lastNotQueryable = e;
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new AssertionError("Timed out after " + timeout + " waiting for " + what, lastNotQueryable);
  }
}
