package io.gmnstream.streamjobs.monitor.web;

import java.time.Duration;

/** Waits for what another thread brings about (a record consumed, a meter updated), failing at a deadline. */
final class Await {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** A condition that may do I/O to find out (e.g. an HTTP request). */
  @FunctionalInterface
  interface Condition {
    boolean holds() throws Exception;
  }

  private Await() {}

  static void until(String what, Condition condition) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + TIMEOUT + " waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
