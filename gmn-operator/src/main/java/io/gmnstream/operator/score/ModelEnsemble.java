package io.gmnstream.operator.score;

import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.operator.gmn.GmnScore;
import io.gmnstream.operator.gmn.GraphBatch;
import io.gmnstream.paramgraph.ParamGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The GMNs of one model folder: the model saved in the folder itself, plus the members saved in its
 * {@value #MEMBERS_DIR} sub-folder (one folder each, in name order), all trained on the same runs.
 * A prediction is the members' mean, each unscaled with its own {@link ScoringPolicy}; how far the
 * members' accuracy predictions lie apart (max - min) says how much to trust it: on held-out runs the
 * error grows with that spread (docs/RESULTS.md). A folder without members is an ensemble of one.
 *
 * <p>Owns its models. Not thread-safe (a model is not).
 */
public final class ModelEnsemble implements AutoCloseable {
    /** The sub-folder of a model folder that holds its other members. */
    public static final String MEMBERS_DIR = "members";
    /**
     * A spread of accuracy predictions from which the members are said to disagree: on the held-out runs of
     * the digits zoo, the ensemble's error where they do is well above its error elsewhere (docs/RESULTS.md).
     */
    public static final float DISAGREEMENT = 0.1f;

    private final List<GmnModel> models;
    private final List<ScoringPolicy> policies;

    /**
     * Takes ownership of {@code models}, the first one being the folder's own model.
     *
     * @throws IllegalArgumentException when the list is empty or a model's metadata is unusable
     */
    public ModelEnsemble(List<GmnModel> models) {
        this.models = List.copyOf(models);
        if (this.models.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one model");
        }
        this.policies = this.models.stream().map(m -> ScoringPolicy.fromMetadata(m.metadata())).toList();
    }

    /**
     * Loads the folder's own model and its members.
     *
     * @throws io.gmnstream.operator.gmn.UnsupportedModelVersionException when a folder's format is unknown
     * @throws IOException when a folder is not a readable model
     */
    public static ModelEnsemble load(Path modelDir) throws IOException {
        List<GmnModel> loaded = new ArrayList<>();
        try {
            for (Path dir : folders(modelDir)) {
                loaded.add(GmnModel.load(dir));
            }
            return new ModelEnsemble(loaded);
        } catch (IOException | RuntimeException e) {
            loaded.forEach(GmnModel::close);
            throw e;
        }
    }

    /** The folder itself, then its members' folders in name order. */
    public static List<Path> folders(Path modelDir) throws IOException {
        List<Path> out = new ArrayList<>();
        out.add(modelDir);
        Path members = modelDir.resolve(MEMBERS_DIR);
        if (Files.isDirectory(members)) {
            try (Stream<Path> list = Files.list(members)) {
                list.filter(Files::isDirectory).sorted().forEach(out::add);
            }
        }
        return out;
    }

    /** The folder's own model first, then the members. */
    public List<GmnModel> models() {
        return models;
    }

    public int size() {
        return models.size();
    }

    /** The folder's own model's policy: the one that decides how non-finite weights are handled. */
    public ScoringPolicy policy() {
        return policies.get(0);
    }

    public void freezeForInference() {
        models.forEach(GmnModel::freezeForInference);
    }

    /** One graph's prediction: the members' means, and the range of their accuracy predictions (0 for one member). */
    public record Prediction(float testAccuracy, float generalizationGap, float accuracySpread) {
    }

    /** Predictions for {@code graphs} (finite edge values), in order, with their batch sizes for the caller's stats. */
    public Predictions predict(List<ParamGraph> graphs) {
        int n = graphs.size();
        float[] sumAccuracy = new float[n];
        float[] sumGap = new float[n];
        float[] min = new float[n];
        float[] max = new float[n];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        long nodes = 0;
        long edges = 0;
        long buildNanos = 0;
        long forwardNanos = 0;
        for (int m = 0; m < models.size(); m++) {
            GmnModel model = models.get(m);
            long started = System.nanoTime();
            GmnScore[] raw;
            try (GraphBatch batch = model.batch(graphs)) {
                long built = System.nanoTime();
                nodes = batch.numNodes();
                edges = batch.numEdges();
                raw = model.predict(batch);
                buildNanos += built - started;
                forwardNanos += System.nanoTime() - built;
            }
            for (int i = 0; i < n; i++) {
                float accuracy = raw[i].predictedTestAccuracy();
                sumAccuracy[i] += accuracy;
                sumGap[i] += policies.get(m).unscaleGap(raw[i].predictedGeneralizationGap());
                min[i] = Math.min(min[i], accuracy);
                max[i] = Math.max(max[i], accuracy);
            }
        }
        List<Prediction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Prediction(sumAccuracy[i] / models.size(), sumGap[i] / models.size(), max[i] - min[i]));
        }
        return new Predictions(out, nodes, edges, buildNanos, forwardNanos);
    }

    /** Predictions of one pass, with the size of the batch each member saw and the time spent. */
    public record Predictions(List<Prediction> predictions, long nodes, long edges, long buildNanos, long forwardNanos) {
        public Predictions {
            predictions = List.copyOf(Objects.requireNonNull(predictions, "predictions"));
        }
    }

    @Override
    public void close() {
        models.forEach(GmnModel::close);
    }
}
