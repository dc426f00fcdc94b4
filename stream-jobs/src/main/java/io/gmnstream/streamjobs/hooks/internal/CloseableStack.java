package io.gmnstream.streamjobs.hooks.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resources closed in the reverse order they were opened, each even if one before it failed;
 * the first failure is thrown with the others suppressed.
 */
public final class CloseableStack implements AutoCloseable {

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  /** Registers a resource to close and returns it. */
  public <T extends AutoCloseable> T push(T resource) {
    resources.push(resource);
    return resource;
  }

  @Override
  public void close() {
    RuntimeException first = null;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        if (first == null) {
          first = e instanceof RuntimeException runtime ? runtime
              : new IllegalStateException("closing failed: " + e, e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
