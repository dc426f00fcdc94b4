package io.gmnstream.streamjobs.monitor.web;

import java.util.Map;
import java.util.Objects;

/**
 * What the monitor says of its own health, answered on {@code /healthz} and {@code /api/health}
 * (200 when up, 503 when down).
 *
 * @param up whether the monitor can answer queries (e.g. its Kafka Streams instance is RUNNING)
 * @param details shown as they are in the health JSON, e.g. {@code streams=REBALANCING}
 */
public record Health(boolean up, Map<String, String> details) {

  public Health {
    details = Map.copyOf(Objects.requireNonNull(details, "details"));
  }

  public static Health healthy() {
    return new Health(true, Map.of());
  }

  public static Health down(String reason) {
    return new Health(false, Map.of("reason", reason));
  }
}
