package io.gmnstream.pipeline.replay;

import java.util.concurrent.TimeUnit;

/**
 * Spaces events at a fixed rate, catching up after a stall instead of drifting: event i is due at
 * start + i / rate. A rate of 0 or less means as fast as possible.
 */
public final class Pacer {
  private final double perSecond;
  private final long startNanos;
  private long events;

  public Pacer(double perSecond) {
    this.perSecond = perSecond;
    this.startNanos = System.nanoTime();
  }

  /** Blocks until the next event is due. */
  public void awaitNext() throws InterruptedException {
    if (perSecond > 0) {
      long due = startNanos + (long) (events * 1e9 / perSecond);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
    events++;
  }
}
