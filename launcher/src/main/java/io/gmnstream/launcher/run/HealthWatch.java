package io.gmnstream.launcher.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Keeps a started service (the operator, the run monitor) until it is stopped ({@link #stop}, from the SIGTERM/Ctrl-C shutdown hook)
 * or until it reports itself unhealthy: then it is closed and {@link #awaitStop} fails saying why,
 * so the process exits non-zero and its supervisor (Kubernetes) restarts it instead of leaving a
 * half-dead instance in place.
 */
final class HealthWatch {
  private final String name;
  private final AutoCloseable service;
  private final BooleanSupplier healthy;
  private final Supplier<String> healthDetails;
  private final Duration pollInterval;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicBoolean closing = new AtomicBoolean();

  /**
   * @param name what the service is called in the failure message
   * @param service closed once, by whichever of stop and a failed health check comes first
   * @param healthy whether the service can still do its job
   * @param healthDetails the state of its parts, for the message when it cannot
   */
  HealthWatch(String name, AutoCloseable service, BooleanSupplier healthy, Supplier<String> healthDetails,
      Duration pollInterval) {
    this.name = name;
    this.service = service;
    this.healthy = healthy;
    this.healthDetails = healthDetails;
    this.pollInterval = pollInterval;
  }

  /** Closes the service and returns once it is closed; the shutdown hook calls it. */
  void stop() throws Exception {
    stopRequested.countDown();
    closeOnce();
    closed.await();
  }

  /**
   * Returns once {@link #stop} has closed the service; throws, with the service closed, if it
   * becomes unhealthy first.
   */
  void awaitStop() throws Exception {
    while (!stopRequested.await(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
      if (healthy.getAsBoolean()) {
        continue;
      }
      String details = healthDetails.get();
      // A service being stopped reports itself down: that is the stop, not a failure.
      if (stopRequested.getCount() == 0) {
        break;
      }
      IllegalStateException failure =
          new IllegalStateException(name + " became unhealthy (" + details + "); stopped it");
      try {
        closeOnce();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
      throw failure;
    }
    closed.await();
  }

  private void closeOnce() throws Exception {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    try {
      service.close();
    } finally {
      closed.countDown();
    }
  }
}
