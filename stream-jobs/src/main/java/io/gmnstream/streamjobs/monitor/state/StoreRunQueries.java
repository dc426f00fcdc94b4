package io.gmnstream.streamjobs.monitor.state;

import io.gmnstream.streamjobs.monitor.query.RunHistory;
import io.gmnstream.streamjobs.monitor.query.RunQueries;
import io.gmnstream.streamjobs.monitor.query.RunSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers {@link RunQueries} from this instance's {@code run-state} store only: the runs of the
 * partitions it holds as active. The store is asked for on every query, because Kafka Streams hands
 * out a new one after each rebalance; while none is queryable the supplier's
 * {@code InvalidStateStoreException} reaches the caller, who may retry.
 */
public final class StoreRunQueries implements RunQueries {

  /** The trend compares the latest score with the one this many scores earlier. */
  public static final int DEFAULT_TREND_WINDOW = 5;

  private final Supplier<ReadOnlyKeyValueStore<String, RunState>> store;
  private final RunSummaries summaries;

  public StoreRunQueries(Supplier<ReadOnlyKeyValueStore<String, RunState>> store) {
    this(store, DEFAULT_TREND_WINDOW);
  }

  public StoreRunQueries(Supplier<ReadOnlyKeyValueStore<String, RunState>> store, int trendWindow) {
    this.store = Objects.requireNonNull(store, "store");
    this.summaries = new RunSummaries(trendWindow);
  }

  @Override
  public List<RunSummary> runs() {
    List<RunSummary> runs = new ArrayList<>();
    try (KeyValueIterator<String, RunState> all = store.get().all()) {
      all.forEachRemaining(entry -> {
        if (RunSummaries.hasScores(entry.value)) {
          runs.add(summaries.summary(entry.value));
        }
      });
    }
    runs.sort(Comparator.comparingLong(RunSummary::lastScoredAtMillis).reversed()
        .thenComparing(RunSummary::runId));
    return runs;
  }

  @Override
  public Optional<RunHistory> run(String runId) {
    Objects.requireNonNull(runId, "runId");
    return Optional.ofNullable(store.get().get(runId))
        .filter(RunSummaries::hasScores)
        .map(summaries::history);
  }
}
