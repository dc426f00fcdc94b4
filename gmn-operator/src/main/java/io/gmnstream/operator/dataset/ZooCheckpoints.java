package io.gmnstream.operator.dataset;

import io.gmnstream.paramgraph.GraphBuilder;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.spec.NetworkSpecJson;
import io.gmnstream.paramgraph.tensor.SafetensorsFile;
import io.gmnstream.paramgraph.tensor.SafetensorsReader;
import io.gmnstream.paramgraph.tensor.Tensor;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.InlineWeights;
import io.gmnstream.schemas.avro.NativeLayerSpec;
import io.gmnstream.schemas.avro.RunManifest;
import io.gmnstream.schemas.checkpoint.CheckpointFileFormat;
import io.gmnstream.schemas.checkpoint.CheckpointFileReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads a zoo folder (one {@code *.avro} checkpoint file per run, as written by
 * {@code ZooGenerator}) into labelled checkpoints.
 *
 * <p>Checkpoints whose weights are not all finite (a diverged run) are KEPT, with
 * {@link LabelledCheckpoint#finiteWeights()} false and their raw (NaN/Inf) values in the graph and
 * tensors; each consumer decides (the GMN fitter zeroes non-finite edge values, see
 * {@code GmnFitter}). Checkpoints without inline weights or a test accuracy are skipped (counted in
 * {@link Zoo#skipped()}). The result is sorted by (runId, step), independent of directory order.
 */
public final class ZooCheckpoints {
    private ZooCheckpoints() {
    }

    /**
     * A loaded zoo: checkpoints, the zoo's identity hash, how many checkpoints were skipped, and each
     * run's declared training settings (its manifest's hyperparameters) by run id.
     */
    public record Zoo(List<LabelledCheckpoint> checkpoints, String hash, int runFiles, int skipped,
                      Map<String, Map<String, String>> runSettings) {
        public Zoo {
            checkpoints = List.copyOf(checkpoints);
            runSettings = Map.copyOf(runSettings);
        }
    }

    /** The checkpoints of every run file in {@code dir}, sorted by (runId, step). */
    public static List<LabelledCheckpoint> load(Path dir, GraphLimits limits) throws IOException {
        return loadZoo(dir, limits).checkpoints();
    }

    /** Like {@link #load} and also the zoo's hash ({@link #hash}). */
    public static Zoo loadZoo(Path dir, GraphLimits limits) throws IOException {
        List<Path> files = runFiles(dir);
        if (files.isEmpty()) {
            throw new IOException("no run files (*" + CheckpointFileFormat.SUFFIX + ") in " + dir);
        }
        SafetensorsReader reader = new SafetensorsReader(limits);
        GraphBuilder builder = new GraphBuilder(limits);
        List<LabelledCheckpoint> out = new ArrayList<>();
        int skipped = 0;
        Map<String, Map<String, String>> runSettings = new HashMap<>();
        for (Path file : files) {
            try (CheckpointFileReader in = CheckpointFileReader.open(file)) {
                RunManifest manifest = in.manifest();
                if (!(manifest.getArchitecture() instanceof NativeLayerSpec nls)) {
                    throw new IOException(file + ": architecture is not a native layer spec");
                }
                NetworkSpec spec = NetworkSpecJson.parse(nls.getSpecJson());
                int maxWidth = maxHiddenWidth(spec);
                Map<String, String> tags = manifest.getTags();
                String family = tags.getOrDefault("family", "unknown");
                int runIndex = parseInt(tags.get("run_index"), -1);
                runSettings.put(manifest.getRunId(), Map.copyOf(manifest.getHyperparameters()));
                for (Checkpoint c : in) {
                    LabelledCheckpoint lc = label(manifest.getRunId(), family, runIndex, maxWidth, spec, c, reader, builder);
                    if (lc == null) {
                        skipped++;
                    } else {
                        out.add(lc);
                    }
                }
            } catch (RuntimeException e) {
                throw new IOException("cannot load run file " + file + ": " + e.getMessage(), e);
            }
        }
        out.sort(Comparator.comparing(LabelledCheckpoint::runId).thenComparingLong(LabelledCheckpoint::step));
        return new Zoo(out, hash(files), files.size(), skipped, runSettings);
    }

    /** The run files of a zoo folder, sorted by name. */
    public static List<Path> runFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(CheckpointFileFormat.SUFFIX))
                    .filter(Files::isRegularFile).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    /** SHA-256 (hex) over the run files' contents, in name order, each preceded by its name and size. */
    public static String hash(List<Path> files) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path f : sorted) {
            byte[] bytes = Files.readAllBytes(f);
            md.update((f.getFileName() + "\n" + bytes.length + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update(bytes);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static LabelledCheckpoint label(String runId, String family, int runIndex, int maxWidth, NetworkSpec spec,
                                            Checkpoint c, SafetensorsReader reader, GraphBuilder builder) {
        Map<String, Double> metrics = c.getMetrics();
        Double test = metrics.get("test_accuracy");
        Double train = metrics.containsKey("train_accuracy_clean") ? metrics.get("train_accuracy_clean")
                : metrics.get("train_accuracy");
        if (!(c.getWeights() instanceof InlineWeights w) || test == null || train == null
                || !Double.isFinite(test) || !Double.isFinite(train)) {
            return null;
        }
        ByteBuffer data = w.getData().duplicate();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        SafetensorsFile file = reader.read(bytes);
        Map<String, Tensor> tensors = new TreeMap<>();
        boolean finite = true;
        for (String name : file.names()) {
            Tensor t = file.get(name);
            tensors.put(name, t);
            for (float v : t.values()) {
                if (!Float.isFinite(v)) {
                    finite = false;
                    break;
                }
            }
        }
        ParamGraph graph = builder.build(spec, file);
        boolean diverged = metrics.getOrDefault("diverged", 0.0) != 0.0;
        int epoch = c.getEpoch() != null ? c.getEpoch() : -1;
        return new LabelledCheckpoint(runId, family, runIndex, c.getStep(), epoch, graph, tensors, test, train,
                train - test, diverged, finite, maxWidth);
    }

    /** Largest output width of any linear/conv layer except the last one (the classifier). */
    static int maxHiddenWidth(NetworkSpec spec) {
        List<Integer> widths = new ArrayList<>();
        for (LayerSpec l : spec.layers()) {
            if (l instanceof LayerSpec.Linear lin) {
                widths.add(lin.outFeatures());
            } else if (l instanceof LayerSpec.Conv conv) {
                widths.add(conv.outChannels());
            }
        }
        if (widths.size() <= 1) {
            return widths.isEmpty() ? 0 : widths.get(0);
        }
        return widths.subList(0, widths.size() - 1).stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private static int parseInt(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
