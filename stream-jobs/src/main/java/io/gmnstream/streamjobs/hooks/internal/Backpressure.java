package io.gmnstream.streamjobs.hooks.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Partitions paused because an endpoint they feed has a full queue, and when they may resume:
 * once every endpoint they wait for has room. Bounds memory; it is the only way one endpoint can
 * slow the consumption of alerts for the others. Used by the consume loop's thread only.
 */
public final class Backpressure {

  private final Map<TopicPartition, List<EndpointWorker>> paused = new HashMap<>();

  public void pause(TopicPartition partition, List<EndpointWorker> fullWorkers) {
    paused.put(partition, List.copyOf(fullWorkers));
  }

  /** Partitions whose endpoints all have room again; they are no longer tracked as paused. */
  public List<TopicPartition> resumable() {
    List<TopicPartition> ready = new ArrayList<>();
    paused.forEach((partition, workers) -> {
      if (workers.stream().allMatch(EndpointWorker::hasRoom)) {
        ready.add(partition);
      }
    });
    ready.forEach(paused::remove);
    return ready;
  }

  public void forget(Collection<TopicPartition> revoked) {
    revoked.forEach(paused::remove);
  }
}
