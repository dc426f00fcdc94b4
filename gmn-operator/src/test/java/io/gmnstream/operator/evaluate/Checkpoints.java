package io.gmnstream.operator.evaluate;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small synthetic labelled checkpoints: two nodes, three edges, one tensor holding the same values. */
final class Checkpoints {
    private Checkpoints() {
    }

    static LabelledCheckpoint of(String runId, String family, long step, double testAccuracy, float... weights) {
        float[] w = weights.length == 0 ? new float[] {0.5f, -0.25f, 1f} : weights;
        ParamGraph g = new ParamGraph(new byte[] {0, 0}, new short[] {0, 1}, new int[] {0, 0}, new int[] {0, 0, 1},
                new int[] {1, 1, 0}, w.clone(), new short[] {0, 0, 0}, new byte[] {0, 0, 0}, new short[9], 3, 0, List.of());
        Tensor t = Tensor.f32("fc.weight", new long[] {3}, w.clone());
        boolean finite = true;
        for (float v : w) {
            finite &= Float.isFinite(v);
        }
        double train = Math.min(1, testAccuracy + 0.01 * step);
        return new LabelledCheckpoint(runId, family, 0, step, (int) step, g, Map.of(t.name(), t), testAccuracy, train,
                train - testAccuracy, false, finite, 16);
    }

    /** {@code runs} runs, alternating families, two checkpoints each, accuracy rising with the run index. */
    static List<LabelledCheckpoint> zoo(int runs) {
        List<LabelledCheckpoint> all = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            String family = r % 2 == 0 ? "mlp" : "residual_mlp";
            String id = String.format("run-%04d", r);
            all.add(of(id, family, 1, 0.1 + 0.05 * r, 0.1f * r, -0.2f, 1f));
            all.add(of(id, family, 2, 0.12 + 0.05 * r, 0.1f * r + 0.05f, -0.2f, 1f));
        }
        return all;
    }
}
