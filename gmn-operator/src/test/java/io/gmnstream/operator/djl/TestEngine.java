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

    /**
     * A few full GCs with pauses between them: run between forward and backward, it frees whatever
     * autograd still needs but Java no longer references (DJL_NOTES traps 1-3).
     */
    public static void collectGarbage() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
