package io.gmnstream.streamjobs.monitor.web.internal;

import io.gmnstream.schemas.avro.RunAlert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The latest record of each of the most recent alerts, newest first. A RESOLVED record replaces the
 * FIRING record with the same alert id, so the list shows each alert once, in its current state.
 *
 * <p>Thread-safe: the feed thread adds, HTTP threads read.
 */
public final class RecentAlerts {

  /** Newest first; arrival order breaks ties (records of different partitions interleave at start). */
  private static final Comparator<Entry> NEWEST_FIRST =
      Comparator.comparingLong((Entry e) -> e.alert.getRaisedAtMillis().toEpochMilli()).thenComparingLong(e -> e.sequence)
          .reversed();

  private record Entry(RunAlert alert, long sequence) {}

  private final int capacity;
  private final Map<String, Entry> byAlertId = new LinkedHashMap<>();
  private long sequence;

  public RecentAlerts(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  public synchronized void add(RunAlert alert) {
    Objects.requireNonNull(alert, "alert");
    byAlertId.put(alert.getAlertId(), new Entry(alert, sequence++));
    if (byAlertId.size() > capacity) {
      // Linear in the capacity (a few hundred), once per alert: cheaper than keeping a second index.
      Entry oldest = byAlertId.values().stream().min(NEWEST_FIRST.reversed()).orElseThrow();
      byAlertId.remove(oldest.alert.getAlertId());
    }
  }

  /** At most {@code limit} alerts, newest first. */
  public synchronized List<RunAlert> newest(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    }
    List<Entry> entries = new ArrayList<>(byAlertId.values());
    entries.sort(NEWEST_FIRST);
    return entries.stream().limit(limit).map(Entry::alert).toList();
  }

  public int capacity() {
    return capacity;
  }
}
