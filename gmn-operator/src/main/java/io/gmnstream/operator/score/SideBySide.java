package io.gmnstream.operator.score;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs up to {@code width} tasks at once on its own daemon threads, so that per-thread state the
 * tasks set (PyTorch's thread count) never touches the caller's thread. Waits for every task, even
 * after one fails, so that whatever a task was using is free again when {@link #run} returns; then
 * rethrows the first failure (an {@link Error} such as OutOfMemoryError included) with the others
 * suppressed. Not thread-safe: one caller at a time.
 */
final class SideBySide implements AutoCloseable {
    private final int width;
    private final ExecutorService helpers;

    SideBySide(int width, String threadName) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, got " + width);
        }
        this.width = width;
        AtomicInteger next = new AtomicInteger(1);
        this.helpers = Executors.newFixedThreadPool(width, task -> {
            Thread t = new Thread(task, threadName + "-" + next.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
    }

    /** The tasks' results, in order. */
    <T> List<T> run(List<Callable<T>> tasks) {
        if (tasks.isEmpty() || tasks.size() > width) {
            throw new IllegalArgumentException("between 1 and " + width + " tasks, got " + tasks.size());
        }
        List<Future<T>> running = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
            running.add(helpers.submit(task));
        }
        List<T> results = new ArrayList<>(tasks.size());
        Throwable failure = null;
        for (Future<T> task : running) {
            try {
                results.add(await(task));
            } catch (ExecutionException e) {
                failure = firstOf(failure, e.getCause());
            }
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException("a task failed: " + failure, failure);
        }
        return results;
    }

    /** Waits out interrupts too (the task still holds what it uses), then restores the interrupt. */
    private static <T> T await(Future<T> task) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Throwable firstOf(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    @Override
    public void close() {
        helpers.shutdownNow();
    }
}
