package io.gmnstream.operator.djl;

import java.nio.file.Path;

/** Starts the engine the way the module's surefire configuration sets it up (offline, cache, threads). */
public final class TestEngine {
    private TestEngine() {
    }

    public static Path repoRoot() {
        return Path.of(System.getProperty("gmn.repoRoot", ".")).toAbsolutePath().normalize();
    }

    public static EngineInfo start() {
        return DjlRuntime.start(DjlSettings.fromEnvironment(repoRoot()));
    }
}
