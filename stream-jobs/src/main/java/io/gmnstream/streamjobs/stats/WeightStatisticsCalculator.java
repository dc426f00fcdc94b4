package io.gmnstream.streamjobs.stats;

import io.gmnstream.paramgraph.GraphLayer;
import io.gmnstream.paramgraph.GraphTensor;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.schemas.avro.LayerStatistics;
import io.gmnstream.schemas.avro.WeightStatistics;
import java.util.ArrayList;
import java.util.List;

/**
 * Summary statistics of a graph's parameters, for the {@code weightStatistics} of a gmn.graphs record.
 *
 * <ul>
 *   <li>nanCount / infCount: over every parameter of the graph (residual edges are 1.0 and count for
 *       nothing). Non-finite weights are recorded, not refused: a diverging run is what the scorer
 *       watches for.
 *   <li>per layer with parameters: l2Norm and maxAbs over its finite parameters (so one NaN does not
 *       hide the scale of the rest; the counts above report it);
 *   <li>deadUnitFraction: the fraction of output units of the layer's {@code weight} tensor whose
 *       incoming weights are all exactly zero. A unit is a slice along dim 0 of a weight shaped
 *       {@code [out, ...]}, or a column of a linear weight stored transposed ({@code [in, out]}).
 *       Layers without a {@code weight} tensor report 0.
 * </ul>
 */
public final class WeightStatisticsCalculator {

  private static final String WEIGHT_ROLE = "weight";

  private WeightStatisticsCalculator() {}

  public static WeightStatistics of(ParamGraph graph) {
    float[] values = graph.edgeValue();
    long nan = 0;
    long inf = 0;
    List<LayerStatistics> layers = new ArrayList<>();
    for (GraphLayer layer : graph.layers()) {
      if (layer.tensors().isEmpty()) {
        continue;
      }
      double sumOfSquares = 0;
      double maxAbs = 0;
      for (GraphTensor tensor : layer.tensors()) {
        for (int i = tensor.edgeOffset(), end = tensor.edgeOffset() + tensor.edgeCount(); i < end; i++) {
          float v = values[i];
          if (Float.isNaN(v)) {
            nan++;
          } else if (Float.isInfinite(v)) {
            inf++;
          } else {
            sumOfSquares += (double) v * v;
            maxAbs = Math.max(maxAbs, Math.abs(v));
          }
        }
      }
      layers.add(LayerStatistics.newBuilder()
          .setName(layer.name())
          .setL2Norm(Math.sqrt(sumOfSquares))
          .setMaxAbs(maxAbs)
          .setDeadUnitFraction(deadUnitFraction(layer, values))
          .build());
    }
    return WeightStatistics.newBuilder().setNanCount(nan).setInfCount(inf).setLayers(layers).build();
  }

  static double deadUnitFraction(GraphLayer layer, float[] values) {
    GraphTensor weight = layer.tensors().stream().filter(t -> t.role().equals(WEIGHT_ROLE)).findFirst().orElse(null);
    if (weight == null || weight.shape().length == 0 || weight.edgeCount() == 0) {
      return 0.0;
    }
    long[] shape = weight.shape();
    boolean transposed = layer.spec() instanceof LayerSpec.Linear linear && linear.transposedWeight() && shape.length == 2;
    int units = (int) (transposed ? shape[1] : shape[0]);
    int perUnit = weight.edgeCount() / units;
    int dead = 0;
    for (int unit = 0; unit < units; unit++) {
      boolean allZero = true;
      for (int k = 0; k < perUnit && allZero; k++) {
        // Row-major storage: a unit is a contiguous row, or a strided column when transposed.
        int element = transposed ? k * units + unit : unit * perUnit + k;
        allZero = values[weight.edgeOffset() + element] == 0.0f;
      }
      if (allZero) {
        dead++;
      }
    }
    return (double) dead / units;
  }
}
