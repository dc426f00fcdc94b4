package io.gmnstream.operator.score;

import ai.djl.pytorch.jni.JniUtils;
import io.gmnstream.operator.gmn.GmnConfig;
import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.operator.gmn.NonFiniteValues;
import io.gmnstream.paramgraph.ParamGraph;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Scores parameter graphs with a GMN the way it was trained to be used: non-finite weights are
 * replaced by 0 first (the GMN cannot take them, and {@code GmnFitter} trains on them zeroed), the
 * gap output is unscaled with the model's gap scale ({@link ScoringPolicy}), and graphs go through
 * the model in micro-batches within {@link BatchBounds}. Batching does not change a score beyond
 * float rounding: graphs of a batch are disjoint and their edges keep one summation order.
 *
 * <p>With more than one worker, the scorer holds one copy of the model per worker and splits each
 * micro-batch into that many parts of about equal edge counts, scored side by side on its own
 * threads. On a CPU this beats one pass over all of them with as many PyTorch
 * threads: the GMN's ops are small and memory-bound, and single-threaded ops have no barriers to
 * wait at when other work shares the cores (docs/BENCHMARKS.md). Each worker runs with the engine's
 * PyTorch thread count ({@code ai.djl.pytorch.num_threads}): give the engine one thread per worker's
 * share of the cores ({@code DjlSettings.sharedBy}).
 *
 * <p>A model folder with members ({@link ModelEnsemble}) scores with all of them: each worker holds
 * the whole ensemble, and a score is their mean with the spread of their accuracy predictions.
 *
 * <p>Owns its models: closing the scorer closes them. Not thread-safe (a model is not): give each
 * calling thread its own scorer.
 */
public final class Scorer implements AutoCloseable {
    /** Edges from which a pass scored alone gets every worker's threads (its pass takes 50 ms and more). */
    static final long WIDEN_MIN_EDGES = 1L << 16;
    /** One ensemble per worker: copies of the same models. */
    private final List<ModelEnsemble> workers;
    private final SideBySide sideBySide;
    /** PyTorch threads of each worker: the engine's count when the scorer was made (unused with one worker). */
    private final int threadsEach;
    /** PyTorch threads of a large graph scored alone: every worker's share, within the cores. */
    private final int threadsAlone;
    private final String modelVersion;
    private final ScoringPolicy policy;
    private final BatchBounds bounds;

    /**
     * Takes ownership of {@code model}.
     *
     * @throws IllegalArgumentException when the model's metadata holds an unreadable gap scale or policy
     */
    public Scorer(GmnModel model, String modelVersion, BatchBounds bounds) {
        this(List.of(Objects.requireNonNull(model, "model")), modelVersion, bounds);
    }

    /**
     * Takes ownership of {@code models}: copies of one model, one per worker.
     *
     * @throws IllegalArgumentException when the list is empty, or the metadata holds an unreadable gap scale or policy
     */
    public Scorer(List<GmnModel> models, String modelVersion, BatchBounds bounds) {
        this(modelVersion, bounds, models.stream().map(m -> new ModelEnsemble(List.of(m))).toList());
    }

    /** Takes ownership of {@code workers}: copies of one ensemble, one per worker. */
    private Scorer(String modelVersion, BatchBounds bounds, List<ModelEnsemble> workers) {
        this.workers = List.copyOf(workers);
        if (this.workers.isEmpty()) {
            throw new IllegalArgumentException("a scorer needs at least one model");
        }
        this.modelVersion = Objects.requireNonNull(modelVersion, "modelVersion");
        this.bounds = Objects.requireNonNull(bounds, "bounds");
        this.policy = this.workers.get(0).policy();
        this.workers.forEach(ModelEnsemble::freezeForInference);
        this.sideBySide = this.workers.size() == 1 ? null : new SideBySide(this.workers.size(), "gmn-scoring-worker");
        this.threadsEach = JniUtils.getNumThreads();
        this.threadsAlone = Math.max(threadsEach,
                Math.min(threadsEach * this.workers.size(), Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Loads a model directory written by {@code GmnModel.save}, with its members when it has some
     * ({@link ModelEnsemble}); its version is {@link ModelVersion#of}.
     *
     * @throws io.gmnstream.operator.gmn.UnsupportedModelVersionException when the directory's format is unknown
     * @throws IOException when the directory is not a readable model, or its metadata is unusable
     */
    public static Scorer load(Path modelDir, BatchBounds bounds) throws IOException {
        return load(modelDir, bounds, 1);
    }

    /**
     * As {@link #load(Path, BatchBounds)}, with {@code workers} copies of the model scoring the parts
     * of each micro-batch side by side.
     */
    public static Scorer load(Path modelDir, BatchBounds bounds, int workers) throws IOException {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        List<ModelEnsemble> ensembles = new ArrayList<>(workers);
        try {
            for (int i = 0; i < workers; i++) {
                ensembles.add(ModelEnsemble.load(modelDir));
            }
            return new Scorer(ModelVersion.of(modelDir, ensembles.get(0).models().get(0).metadata()), bounds, ensembles);
        } catch (IllegalArgumentException e) {
            ensembles.forEach(ModelEnsemble::close);
            throw new IOException("GMN model " + modelDir + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            ensembles.forEach(ModelEnsemble::close);
            throw e;
        }
    }

    public String modelVersion() {
        return modelVersion;
    }

    public GmnConfig config() {
        return workers.get(0).models().get(0).config();
    }

    /** Models scoring side by side. */
    public int workers() {
        return workers.size();
    }

    /** GMNs whose predictions each score averages: 1 for a folder without members. */
    public int ensembleSize() {
        return workers.get(0).size();
    }

    public ScoringPolicy policy() {
        return policy;
    }

    public BatchBounds bounds() {
        return bounds;
    }

    public GraphScore score(ParamGraph graph) {
        return score(List.of(graph)).get(0);
    }

    /** Scores every graph, in order. */
    public List<GraphScore> score(List<ParamGraph> graphs) {
        return score(graphs, BatchListener.NONE);
    }

    /**
     * Scores every graph, in order, telling {@code listener} about each forward pass.
     *
     * @throws IllegalArgumentException when a graph cannot be packed for this model (no nodes, a type
     *         code beyond its embedding tables); the graphs of that micro-batch get no score
     */
    public List<GraphScore> score(List<ParamGraph> graphs, BatchListener listener) {
        Objects.requireNonNull(graphs, "graphs");
        Objects.requireNonNull(listener, "listener");
        int[] edges = new int[graphs.size()];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = Objects.requireNonNull(graphs.get(i), "graph " + i).numEdges();
        }
        List<GraphScore> out = new ArrayList<>(graphs.size());
        for (MicroBatches.Slice slice : MicroBatches.plan(edges, bounds)) {
            if (workers.size() == 1) {
                out.addAll(scoreSlice(workers.get(0), graphs.subList(slice.from(), slice.to()), listener));
                continue;
            }
            List<MicroBatches.Slice> parts = MicroBatches.split(slice, workers.size(), edges);
            // A pass that cannot be split (one graph) gets the idle workers' PyTorch threads when it is
            // large, so that a 1M-edge checkpoint is not left to one core; small ones keep one share,
            // as changing the count costs about as much as their pass.
            boolean largeAlone = parts.size() == 1 && slice.edges() >= WIDEN_MIN_EDGES;
            out.addAll(scoreSideBySide(parts, graphs, largeAlone ? threadsAlone : threadsEach, listener));
        }
        return out;
    }

    /** Scores one part on a worker thread running {@code threads} PyTorch threads. */
    private PartResult scorePart(ModelEnsemble model, List<ParamGraph> graphs, int threads) {
        useThreads(threads);
        List<BatchListener.BatchStats> stats = new ArrayList<>(1);
        return new PartResult(scoreSlice(model, graphs, stats::add), stats);
    }

    /**
     * Sets this worker thread's PyTorch thread count (per thread under OpenMP), only when it differs:
     * a change also resizes PyTorch's thread pool, which costs milliseconds.
     */
    private static void useThreads(int threads) {
        if (JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
    }

    /**
     * The parts scored side by side on the worker threads, one model each, with {@code threads}
     * PyTorch threads; results in input order, listener told here.
     */
    private List<GraphScore> scoreSideBySide(List<MicroBatches.Slice> parts, List<ParamGraph> graphs, int threads,
                                             BatchListener listener) {
        List<Callable<PartResult>> tasks = new ArrayList<>(parts.size());
        for (int p = 0; p < parts.size(); p++) {
            MicroBatches.Slice part = parts.get(p);
            ModelEnsemble model = workers.get(p);
            tasks.add(() -> scorePart(model, graphs.subList(part.from(), part.to()), threads));
        }
        List<GraphScore> out = new ArrayList<>();
        for (PartResult result : sideBySide.run(tasks)) {
            out.addAll(result.scores());
            result.stats().forEach(listener::onBatch);
        }
        return out;
    }

    private record PartResult(List<GraphScore> scores, List<BatchListener.BatchStats> stats) {
    }

    private List<GraphScore> scoreSlice(ModelEnsemble model, List<ParamGraph> graphs, BatchListener listener) {
        int[] nonFinite = new int[graphs.size()];
        List<ParamGraph> prepared = new ArrayList<>(graphs.size());
        for (int i = 0; i < graphs.size(); i++) {
            ParamGraph g = graphs.get(i);
            nonFinite[i] = NonFiniteValues.count(g.edgeValue());
            // Both policies zero at scoring time: a score is still wanted for a diverged network. Under
            // EXCLUDE the model never saw one in training; nonFiniteValues lets callers flag the score.
            prepared.add(nonFinite[i] == 0 ? g : NonFiniteValues.zeroed(g));
        }
        ModelEnsemble.Predictions predictions = model.predict(prepared);
        listener.onBatch(new BatchListener.BatchStats(graphs.size(), predictions.nodes(), predictions.edges(),
                predictions.buildNanos(), predictions.forwardNanos()));
        List<GraphScore> out = new ArrayList<>(graphs.size());
        for (int i = 0; i < graphs.size(); i++) {
            ParamGraph g = graphs.get(i);
            ModelEnsemble.Prediction p = predictions.predictions().get(i);
            out.add(new GraphScore(p.testAccuracy(), p.generalizationGap(), modelVersion, g.numNodes(), g.numEdges(),
                    nonFinite[i], model.size(), p.accuracySpread()));
        }
        return out;
    }

    @Override
    public void close() {
        // score() returns only when every part is done, so no worker holds a model by now.
        if (sideBySide != null) {
            sideBySide.close();
        }
        workers.forEach(ModelEnsemble::close);
    }
}
