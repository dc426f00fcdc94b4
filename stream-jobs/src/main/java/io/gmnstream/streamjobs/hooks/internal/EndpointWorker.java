package io.gmnstream.streamjobs.hooks.internal;

import io.gmnstream.streamjobs.hooks.WebhookEndpoint;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to one endpoint, from its own bounded queue on its own thread, so a slow or
 * failing endpoint delays no other. Deliveries go one at a time, in the order submitted, so a
 * RESOLVED never overtakes its FIRING; the price is that a delivery being retried holds up later
 * ones to the same endpoint (at most {@code maxAttempts} attempts and backoffs).
 *
 * <p>Nothing here blocks a thread: requests are asynchronous and retries are scheduled timers.
 * The queue and the in-flight state are touched only on the worker's thread.
 */
public final class EndpointWorker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EndpointWorker.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final WebhookEndpoint endpoint;
  private final int capacity;
  private final int maxAttempts;
  private final WebhookSender sender;
  private final RetrySchedule retrySchedule;
  private final DeliveryListener listener;
  private final HooksMetrics metrics;
  private final ServiceFailure failure;
  private final ScheduledExecutorService thread;
  /** Submitted and not finished: queued plus in flight. The only state other threads read. */
  private final AtomicInteger unfinished = new AtomicInteger();
  private final Deque<AlertDelivery> waiting = new ArrayDeque<>();
  private boolean inFlight;

  public EndpointWorker(WebhookEndpoint endpoint, int capacity, int maxAttempts,
      WebhookSender sender, RetrySchedule retrySchedule, DeliveryListener listener,
      HooksMetrics metrics, ServiceFailure failure) {
    this.endpoint = endpoint;
    this.capacity = capacity;
    this.maxAttempts = maxAttempts;
    this.sender = sender;
    this.retrySchedule = retrySchedule;
    this.listener = listener;
    this.metrics = metrics;
    this.failure = failure;
    this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread t = new Thread(task, "alert-hooks-" + endpoint.name());
      t.setDaemon(true);
      return t;
    });
    metrics.queueDepth(endpoint.name(), unfinished::get);
  }

  public WebhookEndpoint endpoint() {
    return endpoint;
  }

  /** Whether {@link #submit} would take one more delivery. */
  public boolean hasRoom() {
    return unfinished.get() < capacity;
  }

  /** Deliveries queued or in flight. */
  public int depth() {
    return unfinished.get();
  }

  /** Queues a delivery; the caller checks {@link #hasRoom()} first (the queue is bounded). */
  public void submit(AlertDelivery delivery) {
    if (unfinished.incrementAndGet() > capacity) {
      unfinished.decrementAndGet();
      throw new IllegalStateException("queue of webhook '" + endpoint.name() + "' is full ("
          + capacity + "): check hasRoom() before submitting");
    }
    thread.execute(guarded(() -> {
      waiting.add(delivery);
      startNextIfIdle();
    }));
  }

  private void startNextIfIdle() {
    if (!inFlight && !waiting.isEmpty()) {
      inFlight = true;
      attempt(waiting.poll(), 1);
    }
  }

  private void attempt(AlertDelivery delivery, int attempt) {
    sender.send(delivery).thenAcceptAsync(
        result -> guarded(() -> onAttempt(delivery, attempt, result)).run(), thread);
  }

  private void onAttempt(AlertDelivery delivery, int attempt, AttemptResult result) {
    metrics.attempt(endpoint.name(), result);
    if (result instanceof AttemptResult.Accepted accepted) {
      LOG.debug("{} accepted on attempt {} (HTTP {})", delivery, attempt, accepted.status());
      finish(delivery, new DeliveryOutcome.Delivered(attempt, accepted.status()));
    } else if (result instanceof AttemptResult.Refused refused) {
      finish(delivery, new DeliveryOutcome.Failed(attempt, "webhook '" + endpoint.name()
          + "' refused alert " + delivery.alertId() + " on attempt " + attempt + ": "
          + refused.error() + "; not retried, as the same request would be refused again: check "
          + "the endpoint's URL, format and secret, then replay this dead letter"));
    } else if (result instanceof AttemptResult.Retryable retryable) {
      if (attempt >= maxAttempts) {
        finish(delivery, new DeliveryOutcome.Failed(attempt, "webhook '" + endpoint.name()
            + "' did not accept alert " + delivery.alertId() + " after " + attempt
            + " attempts; last error: " + retryable.error() + "; once the endpoint is up, replay "
            + "this dead letter"));
        return;
      }
      Duration delay = retrySchedule.delayBeforeRetry(attempt, retryable.retryAfter());
      LOG.info("{} failed attempt {} of {} ({}); retrying in {} ms", delivery, attempt,
          maxAttempts, retryable.error(), delay.toMillis());
      thread.schedule(guarded(() -> attempt(delivery, attempt + 1)), delay.toNanos(),
          TimeUnit.NANOSECONDS);
    }
  }

  private void finish(AlertDelivery delivery, DeliveryOutcome outcome) {
    metrics.finished(endpoint.name(), outcome);
    inFlight = false;
    unfinished.decrementAndGet();
    listener.onFinished(delivery, outcome);
    startNextIfIdle();
  }

  /**
   * Executors keep a task's exception in a future nobody reads: report it instead, as a stalled
   * worker would otherwise hold its partitions' offsets back without a word.
   */
  private Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        LOG.error("Worker of webhook '{}' failed; stopping the service", endpoint.name(), e);
        failure.report(e);
        throw e;
      }
    };
  }

  /**
   * Stops the worker: queued deliveries and retries are abandoned, uncommitted, so they are
   * delivered again after a restart.
   */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      if (!thread.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Worker of webhook '{}' did not stop within {}", endpoint.name(), CLOSE_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
