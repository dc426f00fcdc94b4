package io.gmnstream.operator.service.scoring;

import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.operator.score.ModelVersion;
import io.gmnstream.operator.score.Scorer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a model directory and, when its {@link ModelVersion} changes, loads the new model on its own
 * thread (scoring goes on meanwhile) and offers it to the scoring thread through a {@link ModelHandoff}.
 * A load that fails keeps the old model: it is logged and reported, and that version is not tried
 * again until the directory changes once more.
 *
 * <p>Replace a model directory atomically where you can (a symlink swap, as Kubernetes does for
 * mounted volumes): a version that changes while it loads is discarded and retried at the next check.
 */
public final class ModelWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);

    /** Loads a model directory (Scorer::load with the service's bounds in production). */
    @FunctionalInterface
    public interface Loader {
        Scorer load(Path modelDir) throws IOException;
    }

    /** Told about each reload attempt, for metrics. */
    public interface Listener {
        void reloaded(String version);

        void reloadFailed(String version, Exception cause);
    }

    private final Path modelDir;
    private final Loader loader;
    private final ModelHandoff handoff;
    private final Listener listener;
    private final ScheduledExecutorService executor;
    private String latestVersion;
    private String failedVersion;

    /** @param currentVersion the version of the model in use */
    public ModelWatcher(Path modelDir, String currentVersion, Loader loader, ModelHandoff handoff, Listener listener) {
        this.modelDir = Objects.requireNonNull(modelDir, "modelDir");
        this.latestVersion = Objects.requireNonNull(currentVersion, "currentVersion");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.handoff = Objects.requireNonNull(handoff, "handoff");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gmn-operator-model-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks every {@code interval} from now on. */
    public void start(Duration interval) {
        long millis = Math.max(1, interval.toMillis());
        executor.scheduleWithFixedDelay(this::checkSafely, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** One check: loads and offers the directory's model when its version differs from the latest loaded. */
    synchronized void check() {
        String onDisk;
        try {
            onDisk = versionOnDisk();
        } catch (IOException e) {
            LOG.warn("cannot read the model version of {} ({}); keeping model {}", modelDir, e.getMessage(),
                    latestVersion);
            return;
        }
        if (onDisk.equals(latestVersion) || onDisk.equals(failedVersion)) {
            return;
        }
        LOG.info("model {} changed: version {} -> {}; loading it", modelDir, latestVersion, onDisk);
        Scorer loaded;
        try {
            loaded = loader.load(modelDir);
        } catch (IOException | RuntimeException e) {
            failedVersion = onDisk;
            LOG.error("cannot load model version {} from {}; keeping model {}", onDisk, modelDir, latestVersion, e);
            listener.reloadFailed(onDisk, e);
            return;
        }
        if (!stillOnDisk(onDisk, loaded)) {
            loaded.close();
            return;
        }
        latestVersion = loaded.modelVersion();
        failedVersion = null;
        handoff.offer(loaded);
        listener.reloaded(latestVersion);
    }

    /** Whether the loaded model is the version that was on disk before and after loading it. */
    private boolean stillOnDisk(String expected, Scorer loaded) {
        try {
            if (expected.equals(loaded.modelVersion()) && expected.equals(versionOnDisk())) {
                return true;
            }
        } catch (IOException e) {
            LOG.debug("model directory {} unreadable right after loading it", modelDir, e);
        }
        LOG.info("model {} changed while loading version {}; trying again at the next check", modelDir, expected);
        return false;
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            // An exception would cancel the schedule and silently end hot reload.
            LOG.error("model watcher check of {} failed; it runs again at the next interval", modelDir, e);
        }
    }

    private String versionOnDisk() throws IOException {
        return ModelVersion.of(modelDir, GmnModel.readMetadata(modelDir));
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("model watcher of {} still loading a model after 30 s; leaving it", modelDir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
