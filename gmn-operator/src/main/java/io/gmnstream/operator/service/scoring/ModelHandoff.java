package io.gmnstream.operator.service.scoring;

import io.gmnstream.operator.score.Scorer;
import java.util.Optional;

/**
 * Hands a newly loaded model from the watcher's thread to the scoring thread, which takes it between
 * batches (a Scorer is not thread-safe, so only the scoring thread ever uses one). A model offered
 * but not yet taken is replaced (and closed) by a newer one; closing the handoff closes an untaken one.
 */
public final class ModelHandoff implements AutoCloseable {
    private Scorer offered;
    private boolean closed;

    /** Takes ownership of {@code next}. */
    public void offer(Scorer next) {
        Scorer replaced;
        synchronized (this) {
            if (closed) {
                replaced = next;
            } else {
                replaced = offered;
                offered = next;
            }
        }
        if (replaced != null) {
            replaced.close();
        }
    }

    /** The model offered since the last call, now owned by the caller. */
    public synchronized Optional<Scorer> take() {
        Scorer next = offered;
        offered = null;
        return Optional.ofNullable(next);
    }

    @Override
    public void close() {
        Scorer untaken;
        synchronized (this) {
            closed = true;
            untaken = offered;
            offered = null;
        }
        if (untaken != null) {
            untaken.close();
        }
    }
}
