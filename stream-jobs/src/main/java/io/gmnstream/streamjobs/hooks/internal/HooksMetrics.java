package io.gmnstream.streamjobs.hooks.internal;

import io.gmnstream.schemas.avro.DeadLetterReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The alert hooks' meters, in a registry the caller owns. {@link #close()} removes them, so a
 * stopped service does not leave stale gauges behind. Thread-safe.
 */
public final class HooksMetrics implements AutoCloseable {

  static final String PREFIX = "gmn.hooks.";
  private final MeterRegistry registry;
  private final Map<Meter.Id, Meter> registered = new ConcurrentHashMap<>();

  public HooksMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** One HTTP attempt and how it ended: accepted, retryable or refused. */
  void attempt(String endpoint, AttemptResult result) {
    String kind = result instanceof AttemptResult.Accepted ? "accepted"
        : result instanceof AttemptResult.Retryable ? "retryable" : "refused";
    counter("attempts", "HTTP attempts of webhook deliveries", "endpoint", endpoint, "result", kind)
        .increment();
  }

  /** A delivery that ended: delivered, or failed (and so dead-lettered). */
  void finished(String endpoint, DeliveryOutcome outcome) {
    String kind = outcome instanceof DeliveryOutcome.Delivered ? "delivered" : "dead_lettered";
    counter("deliveries", "Webhook deliveries that ended", "endpoint", endpoint, "outcome", kind)
        .increment();
  }

  /** Deliveries accepted by an endpoint's worker and not finished. */
  void queueDepth(String endpoint, IntSupplier depth) {
    Gauge gauge = Gauge.builder(PREFIX + "queue.depth", depth, IntSupplier::getAsInt)
        .description("Deliveries queued or in flight, per endpoint")
        // Strong: the supplier is a method reference nothing else holds, a weak one would be collected.
        .tag("endpoint", endpoint).strongReference(true).register(registry);
    registered.put(gauge.getId(), gauge);
  }

  /** A record of the alerts topic that could not be decoded. */
  public void undecodable(DeadLetterReason reason) {
    counter("records.undecodable", "Alert records dead-lettered because they cannot be decoded",
        "reason", reason.name()).increment();
  }

  /** Partitions paused because this endpoint's queue is full. */
  public void paused(String endpoint) {
    counter("backpressure.pauses", "Partitions paused because an endpoint's queue was full",
        "endpoint", endpoint).increment();
  }

  private Counter counter(String name, String description, String... tags) {
    Counter counter = Counter.builder(PREFIX + name).description(description).tags(tags)
        .register(registry);
    registered.putIfAbsent(counter.getId(), counter);
    return counter;
  }

  @Override
  public void close() {
    registered.values().forEach(registry::remove);
    registered.clear();
  }
}
