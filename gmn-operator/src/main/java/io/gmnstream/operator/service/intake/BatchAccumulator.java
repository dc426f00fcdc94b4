package io.gmnstream.operator.service.intake;

import io.gmnstream.operator.score.BatchBounds;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Collects decoded records, in arrival order, into micro-batches: a batch is due when its graphs
 * reach the bounds' graph or edge limit, or when its oldest record has waited {@code maxWait}.
 * Refused records ride along with the graphs around them (they cost no edges and do not count as
 * graphs) so that every record of a partition is committed in order.
 *
 * <p>Time is passed in (nanoseconds of any monotonic clock), so the rules test without sleeping.
 * Not thread-safe: the scoring loop owns it.
 */
public final class BatchAccumulator {
    private record Arrival(Incoming item, long atNanos) {
    }

    private final BatchBounds bounds;
    private final long maxWaitNanos;
    private final Deque<Arrival> pending = new ArrayDeque<>();

    public BatchAccumulator(BatchBounds bounds, Duration maxWait) {
        this.bounds = Objects.requireNonNull(bounds, "bounds");
        this.maxWaitNanos = Objects.requireNonNull(maxWait, "maxWait").toNanos();
        if (maxWaitNanos < 0) {
            throw new IllegalArgumentException("maxWait must not be negative, got " + maxWait);
        }
    }

    public void add(Incoming item, long nowNanos) {
        pending.addLast(new Arrival(Objects.requireNonNull(item, "item"), nowNanos));
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }

    public int size() {
        return pending.size();
    }

    /** Whether {@link #takeBatch} should be called now. */
    public boolean isDue(long nowNanos) {
        return !pending.isEmpty() && (isFull() || nowNanos - pending.peekFirst().atNanos() >= maxWaitNanos);
    }

    /** How long until the oldest record's wait is over: 0 when due, {@code Long.MAX_VALUE} when empty. */
    public long nanosUntilDue(long nowNanos) {
        if (pending.isEmpty()) {
            return Long.MAX_VALUE;
        }
        return isDue(nowNanos) ? 0 : pending.peekFirst().atNanos() + maxWaitNanos - nowNanos;
    }

    /**
     * Removes and returns the oldest records that form one batch within the bounds: at least one
     * record; a graph above the edge bound on its own.
     */
    public List<Incoming> takeBatch() {
        List<Incoming> batch = new ArrayList<>();
        int graphs = 0;
        long edges = 0;
        while (!pending.isEmpty()) {
            Incoming next = pending.peekFirst().item();
            if (next instanceof GraphInput) {
                boolean fits = graphs < bounds.maxGraphs() && (graphs == 0 || edges + next.edges() <= bounds.maxEdges());
                if (!fits) {
                    break;
                }
                graphs++;
                edges += next.edges();
            }
            batch.add(pending.removeFirst().item());
        }
        return batch;
    }

    /** Drops the records that match, e.g. those of partitions this instance no longer owns. */
    public void removeIf(Predicate<Incoming> filter) {
        pending.removeIf(arrival -> filter.test(arrival.item()));
    }

    /** Removes and returns everything held. */
    public List<Incoming> drain() {
        List<Incoming> all = new ArrayList<>(pending.size());
        pending.forEach(arrival -> all.add(arrival.item()));
        pending.clear();
        return all;
    }

    /** Whether the records held already fill a batch, so waiting longer cannot make it larger. */
    private boolean isFull() {
        int graphs = 0;
        long edges = 0;
        for (Arrival arrival : pending) {
            if (!(arrival.item() instanceof GraphInput graph)) {
                continue;
            }
            if (graphs == bounds.maxGraphs() || (graphs > 0 && edges + graph.edges() > bounds.maxEdges())) {
                return true;
            }
            graphs++;
            edges += graph.edges();
        }
        return graphs == bounds.maxGraphs() || edges >= bounds.maxEdges();
    }
}
