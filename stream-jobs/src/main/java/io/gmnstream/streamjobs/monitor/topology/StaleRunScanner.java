package io.gmnstream.streamjobs.monitor.topology;

import io.gmnstream.streamjobs.monitor.alerts.Verdict;
import io.gmnstream.streamjobs.monitor.rules.StaleRunRule;
import io.gmnstream.streamjobs.monitor.rules.TimeBasis;
import io.gmnstream.streamjobs.monitor.state.RunState;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Looks for silent runs in the run-state store, at most {@code maxRunsPerScan} per call so a
 * punctuation never stalls the stream thread; the next call goes on after the last run looked at,
 * and starts again from the first run once it reaches the end.
 */
final class StaleRunScanner {

  private final KeyValueStore<String, RunState> store;
  private final StaleRunRule rule;
  private final AlertPublisher publisher;
  private final int maxRunsPerScan;
  /** Last run id looked at; null: start from the first. In memory only: after a restart a scan starts over. */
  private String cursor;

  StaleRunScanner(KeyValueStore<String, RunState> store, StaleRunRule rule, AlertPublisher publisher,
      int maxRunsPerScan) {
    this.store = store;
    this.rule = rule;
    this.publisher = publisher;
    this.maxRunsPerScan = maxRunsPerScan;
  }

  void scan(TimeBasis basis, long nowMillis) {
    List<KeyValue<String, RunState>> changed = new ArrayList<>();
    int looked = 0;
    String last = null;
    // Updates are written after the iterator is closed: writing while iterating is not safe for every store.
    try (KeyValueIterator<String, RunState> runs = cursor == null ? store.all() : store.range(cursor, null)) {
      while (runs.hasNext() && looked < maxRunsPerScan) {
        KeyValue<String, RunState> entry = runs.next();
        if (entry.key.equals(cursor)) {
          continue; // range() includes its lower bound, which the previous scan already judged
        }
        looked++;
        last = entry.key;
        RunState state = entry.value;
        if (state.history().isEmpty()) {
          continue;
        }
        Verdict verdict = rule.onScan(state, basis, nowMillis);
        RunState updated = publisher.apply(state, rule.name(), verdict, nowMillis);
        if (!updated.equals(state)) {
          changed.add(KeyValue.pair(entry.key, updated));
        }
      }
      cursor = runs.hasNext() ? last : null;
    }
    changed.forEach(kv -> store.put(kv.key, kv.value));
  }
}
