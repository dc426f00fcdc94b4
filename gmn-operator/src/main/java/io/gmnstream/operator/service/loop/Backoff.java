package io.gmnstream.operator.service.loop;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Exponential pause between retries of a failing step (100 ms doubling to 5 s), cut short when the
 * service stops.
 */
final class Backoff {
    private static final Duration FIRST = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(5);

    private final CountDownLatch stopped;
    private Duration next = FIRST;

    Backoff(CountDownLatch stopped) {
        this.stopped = stopped;
    }

    void reset() {
        next = FIRST;
    }

    void pause() {
        try {
            stopped.await(next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        next = next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
    }
}
