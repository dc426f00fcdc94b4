package io.gmnstream.operator.djl;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Starts the DJL PyTorch engine offline: nothing is downloaded at run time; the native library
 * comes from the {@code pytorch-native-cpu} jar (or a local libtorch named by
 * {@code PYTORCH_LIBRARY_PATH}) and is extracted into the configured cache folder.
 *
 * <p>DJL reads its settings once, when the engine first loads, and the engine is global to the JVM:
 * call {@link #start} before any other DJL use. Calling it again with the same settings is cheap.
 */
public final class DjlRuntime {
    public static final String ENGINE = "PyTorch";
    static final String OFFLINE_PROPERTY = "ai.djl.offline";

    private DjlRuntime() {
    }

    public static EngineInfo start(DjlSettings settings) {
        Objects.requireNonNull(settings, "settings");
        prepareCache(settings.cacheDir());
        // DJL reads DJL_CACHE_DIR from the environment before system properties: a different
        // value there would silently win, so refuse rather than extract into an unexpected place.
        String env = System.getenv(DjlSettings.DJL_CACHE_DIR);
        if (env != null && !env.isBlank() && !Path.of(env).toAbsolutePath().normalize().equals(settings.cacheDir())) {
            throw new DjlStartupException("environment variable " + DjlSettings.DJL_CACHE_DIR + "=" + env
                    + " differs from the configured cache " + settings.cacheDir()
                    + "; DJL would use the environment value. Unset it or configure the same folder.");
        }
        System.setProperty(OFFLINE_PROPERTY, "true");
        System.setProperty(DjlSettings.DJL_CACHE_DIR, settings.cacheDir().toString());
        System.setProperty(DjlSettings.NUM_THREADS_PROPERTY, Integer.toString(settings.numThreads()));
        System.setProperty(DjlSettings.NUM_INTEROP_THREADS_PROPERTY, Integer.toString(settings.numInteropThreads()));
        Engine engine;
        try {
            engine = Engine.getEngine(ENGINE);
        } catch (EngineException | IllegalArgumentException | UnsatisfiedLinkError e) {
            throw new DjlStartupException(missingNativeMessage(settings, e), e);
        }
        return new EngineInfo(Engine.getDjlVersion(), engine.getEngineName(), engine.getVersion(),
                engine.defaultDevice(), engine.getGpuCount(), settings);
    }

    private static void prepareCache(Path cacheDir) {
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new DjlStartupException("cannot create the DJL cache folder " + cacheDir + " (" + e
                    + "); set -D" + DjlSettings.CACHE_DIR_PROPERTY + " to a writable folder", e);
        }
        if (!Files.isWritable(cacheDir)) {
            throw new DjlStartupException("the DJL cache folder " + cacheDir + " is not writable; set -D"
                    + DjlSettings.CACHE_DIR_PROPERTY + " to a writable folder");
        }
    }

    static String missingNativeMessage(DjlSettings settings, Throwable cause) {
        return "the DJL " + ENGINE + " engine could not start offline (" + cause.getMessage() + "). "
                + "Nothing is downloaded at run time (ai.djl.offline=true): put "
                + "ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64 and ai.djl.pytorch:pytorch-jni:2.7.1-0.35.1 "
                + "on the runtime classpath (build with Maven once online), or point PYTORCH_LIBRARY_PATH at a "
                + "local libtorch 2.7.1 with PYTORCH_VERSION=2.7.1 and PYTORCH_FLAVOR set; "
                + "the native files are extracted into " + settings.cacheDir() + ", which must be writable.";
    }
}
