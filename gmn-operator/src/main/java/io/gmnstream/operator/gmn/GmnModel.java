package io.gmnstream.operator.gmn;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A GMN with its parameters: owns the manager they live in. Scoring, saving and loading.
 *
 * <p>Saved layout (a directory): {@code VERSION} (the format version, {@value #FORMAT_VERSION}),
 * {@code hyperparameters.properties} ({@link GmnConfig}), {@code metadata.properties} (free-form:
 * zoo hash, training settings, evaluation figures) and {@code parameters.bin} (DJL block
 * parameters). Not thread-safe; close it to free native memory.
 */
public final class GmnModel implements AutoCloseable {
    public static final String FORMAT_VERSION = "2";
    static final String VERSION_FILE = "VERSION";
    static final String HYPERPARAMETERS_FILE = "hyperparameters.properties";
    static final String METADATA_FILE = "metadata.properties";
    static final String PARAMETERS_FILE = "parameters.bin";

    private final GmnBlock block;
    private final NDManager manager;
    private final ParameterStore store;
    private final Map<String, String> metadata;

    private GmnModel(GmnBlock block, NDManager manager, Map<String, String> metadata) {
        this.block = block;
        this.manager = manager;
        this.metadata = Map.copyOf(metadata);
        // copy=false: one device; the store hands out the parameter arrays themselves.
        this.store = new ParameterStore(manager, false);
    }

    /** A freshly initialised model; the same seed gives the same parameters on the same machine. */
    public static GmnModel create(GmnConfig config, int seed) {
        GmnBlock block = new GmnBlock(config);
        NDManager manager = NDManager.newBaseManager();
        try {
            Engine.getInstance().setRandomSeed(seed);
            block.initialize(manager, DataType.FLOAT32, new Shape(1));
            return new GmnModel(block, manager, Map.of());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public GmnConfig config() {
        return block.config();
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    GmnBlock block() {
        return block;
    }

    NDManager manager() {
        return manager;
    }

    ParameterStore store() {
        return store;
    }

    /** Packs graphs for this model (the batch's arrays are a sub-manager of the model's). */
    public GraphBatch batch(List<io.gmnstream.paramgraph.ParamGraph> graphs) {
        return GraphBatch.of(graphs, config(), manager);
    }

    /** Scores every graph of the batch in one forward pass. */
    public GmnScore[] predict(GraphBatch batch) {
        float[] flat;
        try (NDManager step = manager.newSubManager()) {
            // Forward results attach to the batch's arrays' manager: lend them to a per-call manager
            // so the temporaries die here and the batch can be scored again (trap 4).
            step.tempAttachAll(batch.inputs().toArray(new NDArray[0]));
            flat = forward(batch.inputs(), false).toFloatArray();
        }
        GmnScore[] out = new GmnScore[batch.numGraphs()];
        for (int g = 0; g < out.length; g++) {
            out[g] = new GmnScore(flat[2 * g], flat[2 * g + 1]);
        }
        return out;
    }

    NDArray forward(NDList inputs, boolean training) {
        return block.forward(store, inputs, training).singletonOrThrow();
    }

    /**
     * Stops the parameters from requiring gradients. A model that only scores never runs a backward
     * pass, but while its parameters require gradients PyTorch records every forward op for one.
     */
    public void freezeForInference() {
        for (Parameter p : block.getParameters().values()) {
            p.getArray().setRequiresGradient(false);
        }
    }

    /** Makes every parameter require gradients again: loaded parameters do not, so a loaded model cannot train without this. */
    public void unfreezeForTraining() {
        for (Parameter p : block.getParameters().values()) {
            p.getArray().setRequiresGradient(true);
        }
    }

    /** Number of scalar parameters. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : block.getParameters().values()) {
            n += p.getArray().size();
        }
        return n;
    }

    /** Writes the model directory (created if missing; files replaced), keeping the loaded metadata under {@code extraMetadata}. */
    public void save(Path dir, Map<String, String> extraMetadata) throws IOException {
        Map<String, String> all = new TreeMap<>(metadata);
        all.putAll(extraMetadata);
        write(dir, all);
    }

    /**
     * Writes the model directory with exactly {@code metadata}: for a model trained further from a
     * loaded one, whose evaluation figures and version no longer describe it.
     */
    public void saveWithOnly(Path dir, Map<String, String> metadata) throws IOException {
        write(dir, new TreeMap<>(metadata));
    }

    private void write(Path dir, Map<String, String> all) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(VERSION_FILE), FORMAT_VERSION + "\n", StandardCharsets.UTF_8);
        writeProperties(dir.resolve(HYPERPARAMETERS_FILE), config().toProperties(), "GMN hyperparameters");
        Properties meta = new Properties();
        meta.putAll(all);
        writeProperties(dir.resolve(METADATA_FILE), meta, "GMN metadata");
        try (OutputStream os = Files.newOutputStream(dir.resolve(PARAMETERS_FILE));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os))) {
            block.saveParameters(out);
        }
    }

    /**
     * Reads a model directory written by {@link #save}.
     *
     * @throws UnsupportedModelVersionException when the directory's format version is not {@value #FORMAT_VERSION}
     * @throws IOException when a file is missing or unreadable, or the parameters do not match the hyperparameters
     */
    public static GmnModel load(Path dir) throws IOException {
        String version;
        try {
            version = Files.readString(dir.resolve(VERSION_FILE), StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            throw new IOException(dir + " is not a GMN model directory: no " + VERSION_FILE + " file", e);
        }
        if (!FORMAT_VERSION.equals(version)) {
            throw new UnsupportedModelVersionException(version, "GMN model " + dir + " has format version '" + version
                    + "'; this build supports version " + FORMAT_VERSION + " only");
        }
        GmnConfig config;
        try {
            config = GmnConfig.fromProperties(readProperties(dir.resolve(HYPERPARAMETERS_FILE)));
        } catch (IllegalArgumentException e) {
            throw new IOException("bad hyperparameters in " + dir + ": " + e.getMessage(), e);
        }
        Map<String, String> metadata = readMetadata(dir);
        GmnBlock block = new GmnBlock(config);
        NDManager manager = NDManager.newBaseManager();
        try (InputStream is = Files.newInputStream(dir.resolve(PARAMETERS_FILE));
             DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1));
            block.loadParameters(manager, in);
            return new GmnModel(block, manager, metadata);
        } catch (MalformedModelException e) {
            manager.close();
            throw new IOException("parameters in " + dir + " do not match its hyperparameters: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Properties.store's format (escapes included), but sorted by key and without its date line, so
     * the same model saves to the same bytes and a committed model diffs cleanly.
     */
    private static void writeProperties(Path file, Properties p, String comment) throws IOException {
        StringWriter raw = new StringWriter();
        p.store(raw, null);
        List<String> lines = new ArrayList<>(raw.toString().lines().filter(l -> !l.startsWith("#")).toList());
        Collections.sort(lines);
        StringBuilder out = new StringBuilder("# ").append(comment).append('\n');
        lines.forEach(l -> out.append(l).append('\n'));
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    /**
     * The metadata of the model saved in {@code dir}, sorted by key, without loading the model (cheap:
     * for version checks); empty when the folder or its metadata file does not exist.
     */
    public static Map<String, String> readMetadata(Path dir) throws IOException {
        Map<String, String> metadata = new TreeMap<>();
        Path file = dir.resolve(METADATA_FILE);
        if (Files.exists(file)) {
            readProperties(file).forEach((k, v) -> metadata.put(k.toString(), v.toString()));
        }
        return metadata;
    }

    private static Properties readProperties(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return "GmnModel" + Objects.toString(config());
    }
}
