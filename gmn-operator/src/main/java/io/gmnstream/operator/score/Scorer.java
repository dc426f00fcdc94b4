package io.gmnstream.operator.score;

import io.gmnstream.operator.gmn.GmnConfig;
import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.operator.gmn.GmnScore;
import io.gmnstream.operator.gmn.GraphBatch;
import io.gmnstream.operator.gmn.NonFiniteValues;
import io.gmnstream.paramgraph.ParamGraph;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scores parameter graphs with a GMN the way it was trained to be used: non-finite weights are
 * replaced by 0 first (the GMN cannot take them, and {@code GmnFitter} trains on them zeroed), the
 * gap output is unscaled with the model's gap scale ({@link ScoringPolicy}), and graphs go through
 * the model in micro-batches within {@link BatchBounds}. Batching does not change a score beyond
 * float rounding: graphs of a batch are disjoint and their edges keep one summation order.
 *
 * <p>Owns the model: closing the scorer closes it. Not thread-safe (the model is not): give each
 * thread its own scorer.
 */
public final class Scorer implements AutoCloseable {
    private final GmnModel model;
    private final String modelVersion;
    private final ScoringPolicy policy;
    private final BatchBounds bounds;

    /**
     * Takes ownership of {@code model}.
     *
     * @throws IllegalArgumentException when the model's metadata holds an unreadable gap scale or policy
     */
    public Scorer(GmnModel model, String modelVersion, BatchBounds bounds) {
        this.model = Objects.requireNonNull(model, "model");
        this.modelVersion = Objects.requireNonNull(modelVersion, "modelVersion");
        this.bounds = Objects.requireNonNull(bounds, "bounds");
        this.policy = ScoringPolicy.fromMetadata(model.metadata());
        model.freezeForInference();
    }

    /**
     * Loads a model directory written by {@code GmnModel.save}; its version is {@link ModelVersion#of}.
     *
     * @throws io.gmnstream.operator.gmn.UnsupportedModelVersionException when the directory's format is unknown
     * @throws IOException when the directory is not a readable model, or its metadata is unusable
     */
    public static Scorer load(Path modelDir, BatchBounds bounds) throws IOException {
        GmnModel model = GmnModel.load(modelDir);
        try {
            return new Scorer(model, ModelVersion.of(modelDir, model.metadata()), bounds);
        } catch (IllegalArgumentException e) {
            model.close();
            throw new IOException("GMN model " + modelDir + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public String modelVersion() {
        return modelVersion;
    }

    public GmnConfig config() {
        return model.config();
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
            out.addAll(scoreSlice(graphs.subList(slice.from(), slice.to()), listener));
        }
        return out;
    }

    private List<GraphScore> scoreSlice(List<ParamGraph> graphs, BatchListener listener) {
        long started = System.nanoTime();
        int[] nonFinite = new int[graphs.size()];
        List<ParamGraph> prepared = new ArrayList<>(graphs.size());
        for (int i = 0; i < graphs.size(); i++) {
            ParamGraph g = graphs.get(i);
            nonFinite[i] = NonFiniteValues.count(g.edgeValue());
            // Both policies zero at scoring time: a score is still wanted for a diverged network. Under
            // EXCLUDE the model never saw one in training; nonFiniteValues lets callers flag the score.
            prepared.add(nonFinite[i] == 0 ? g : NonFiniteValues.zeroed(g));
        }
        GmnScore[] raw;
        long built;
        long nodes;
        long edges;
        try (GraphBatch batch = model.batch(prepared)) {
            built = System.nanoTime();
            nodes = batch.numNodes();
            edges = batch.numEdges();
            raw = model.predict(batch);
        }
        long done = System.nanoTime();
        listener.onBatch(new BatchListener.BatchStats(graphs.size(), nodes, edges, built - started, done - built));
        List<GraphScore> out = new ArrayList<>(graphs.size());
        for (int i = 0; i < raw.length; i++) {
            ParamGraph g = graphs.get(i);
            out.add(new GraphScore(raw[i].predictedTestAccuracy(), policy.unscaleGap(raw[i].predictedGeneralizationGap()),
                    modelVersion, g.numNodes(), g.numEdges(), nonFinite[i]));
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
