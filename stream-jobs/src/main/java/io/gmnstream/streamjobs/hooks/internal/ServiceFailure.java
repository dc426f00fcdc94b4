package io.gmnstream.streamjobs.hooks.internal;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The first error that must stop the service (a dead letter that could not be written, a bug in
 * a worker). Any thread reports; the consume loop checks and stops, leaving the offsets where a
 * restart re-reads every unfinished alert.
 */
public final class ServiceFailure {

  private final AtomicReference<Throwable> first = new AtomicReference<>();

  public void report(Throwable failure) {
    first.compareAndSet(null, failure);
  }

  public Optional<Throwable> get() {
    return Optional.ofNullable(first.get());
  }

  /** Throws if a failure was reported. */
  void throwIfReported() {
    Throwable failure = first.get();
    if (failure != null) {
      throw new IllegalStateException("alert hooks stopping after a fatal error: " + failure,
          failure);
    }
  }
}
