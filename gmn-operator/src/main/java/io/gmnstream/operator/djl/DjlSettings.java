package io.gmnstream.operator.djl;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the DJL PyTorch engine is started: where it extracts its native libraries and how many
 * threads it uses. The engine reads these once, at its first use, so they are fixed for the JVM.
 *
 * @param cacheDir          writable folder for DJL's cache (the native libraries are extracted here, 432 MB)
 * @param numThreads        intra-op threads ({@code ai.djl.pytorch.num_threads})
 * @param numInteropThreads inter-op threads ({@code ai.djl.pytorch.num_interop_threads})
 */
public record DjlSettings(Path cacheDir, int numThreads, int numInteropThreads) {
    /** System property that overrides the cache folder (the tests set it). */
    public static final String CACHE_DIR_PROPERTY = "gmn.djl.cacheDir";
    /** Environment variable (or system property) that DJL itself reads for its cache folder. */
    public static final String DJL_CACHE_DIR = "DJL_CACHE_DIR";
    public static final String NUM_THREADS_PROPERTY = "ai.djl.pytorch.num_threads";
    public static final String NUM_INTEROP_THREADS_PROPERTY = "ai.djl.pytorch.num_interop_threads";
    /** Default cache location, relative to the project folder. */
    public static final Path DEFAULT_CACHE = Path.of(".gmn-stream", "djl-cache");

    public DjlSettings {
        Objects.requireNonNull(cacheDir, "cacheDir");
        cacheDir = cacheDir.toAbsolutePath().normalize();
        if (numThreads < 1) {
            throw new IllegalArgumentException(NUM_THREADS_PROPERTY + " must be at least 1, got " + numThreads);
        }
        if (numInteropThreads < 1) {
            throw new IllegalArgumentException(NUM_INTEROP_THREADS_PROPERTY + " must be at least 1, got " + numInteropThreads);
        }
    }

    /**
     * Settings from the environment: cache folder from {@value #CACHE_DIR_PROPERTY}, else the
     * {@value #DJL_CACHE_DIR} environment variable, else {@code <projectDir>/.gmn-stream/djl-cache};
     * thread counts from the {@code ai.djl.pytorch.*} properties, else all cores and 1.
     */
    public static DjlSettings fromEnvironment(Path projectDir) {
        Objects.requireNonNull(projectDir, "projectDir");
        String configured = System.getProperty(CACHE_DIR_PROPERTY);
        String env = System.getenv(DJL_CACHE_DIR);
        Path cache;
        if (configured != null && !configured.isBlank()) {
            cache = Path.of(configured);
        } else if (env != null && !env.isBlank()) {
            cache = Path.of(env);
        } else {
            cache = projectDir.resolve(DEFAULT_CACHE);
        }
        return new DjlSettings(cache,
                intProperty(NUM_THREADS_PROPERTY, Runtime.getRuntime().availableProcessors()),
                intProperty(NUM_INTEROP_THREADS_PROPERTY, 1));
    }

    /**
     * These settings for {@code workers} models scoring side by side: the cores shared out among them
     * (at least one PyTorch thread each), unless {@value #NUM_THREADS_PROPERTY} was set explicitly.
     */
    public DjlSettings sharedBy(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (System.getProperty(NUM_THREADS_PROPERTY) != null) {
            return this;
        }
        return new DjlSettings(cacheDir, Math.max(1, Runtime.getRuntime().availableProcessors() / workers),
                numInteropThreads);
    }

    private static int intProperty(String key, int defaultValue) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a positive integer, got \"" + value + "\"", e);
        }
    }
}
