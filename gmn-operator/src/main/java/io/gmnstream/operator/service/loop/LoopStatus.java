package io.gmnstream.operator.service.loop;

import java.util.Optional;

/** What the scoring loop reports to other threads: whether it runs, its model, its last error. */
public final class LoopStatus {
    private volatile boolean running = true;
    private volatile String modelVersion;
    private volatile String lastError;

    public LoopStatus(String modelVersion) {
        this.modelVersion = modelVersion;
    }

    public boolean running() {
        return running;
    }

    public String modelVersion() {
        return modelVersion;
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    void stopped() {
        running = false;
    }

    void modelVersion(String version) {
        modelVersion = version;
    }

    void error(Throwable error) {
        lastError = error.toString();
    }
}
