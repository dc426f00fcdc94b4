package io.gmnstream.streamjobs.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gmnstream.paramgraph.GraphBuilder;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.NetworkSpecJson;
import io.gmnstream.paramgraph.tensor.MapTensorSource;
import io.gmnstream.paramgraph.tensor.Tensor;
import io.gmnstream.schemas.avro.LayerStatistics;
import io.gmnstream.schemas.avro.WeightStatistics;
import org.junit.jupiter.api.Test;

class WeightStatisticsCalculatorTest {

  static final String MLP = """
      {"format": "gmn-layers/1", "input": {"shape": [2], "layout": "features"}, "layers": [
        {"name": "fc1", "op": "linear", "inFeatures": 2, "outFeatures": 3},
        {"name": "act", "op": "activation", "fn": "relu"},
        {"name": "fc2", "op": "linear", "inFeatures": 3, "outFeatures": 2, "transposedWeight": %s}
      ]}""";

  @Test
  void shouldCountNonFiniteWeightsAndSummariseEachLayerWithParameters() {
    ParamGraph graph = graph(false,
        new float[] {3, 4, 0, 0, Float.NaN, 1}, new float[] {0, 0, 0},
        new float[] {0, 0, 0, 0, -0.0f, 0}, new float[] {Float.POSITIVE_INFINITY, -2});

    WeightStatistics statistics = WeightStatisticsCalculator.of(graph);

    assertThat(statistics.getNanCount()).isEqualTo(1);
    assertThat(statistics.getInfCount()).isEqualTo(1);
    assertThat(statistics.getLayers()).extracting(LayerStatistics::getName).containsExactly("fc1", "fc2");
    LayerStatistics fc1 = statistics.getLayers().get(0);
    assertThat(fc1.getL2Norm()).isCloseTo(Math.sqrt(26), within(1e-12)); // 3, 4, 1: NaN left out
    assertThat(fc1.getMaxAbs()).isEqualTo(4.0);
    assertThat(fc1.getDeadUnitFraction()).isEqualTo(1.0 / 3); // row [0, 0]; the NaN row is not dead
    LayerStatistics fc2 = statistics.getLayers().get(1);
    assertThat(fc2.getL2Norm()).isEqualTo(2.0); // bias -2: Inf left out
    assertThat(fc2.getMaxAbs()).isEqualTo(2.0);
    assertThat(fc2.getDeadUnitFraction()).isEqualTo(1.0); // -0.0 counts as zero
  }

  @Test
  void shouldTakeUnitsAlongTheOutputDimensionOfATransposedLinearWeight() {
    // fc2 weight stored [in=3, out=2]: column 1 is all zero -> 1 of 2 units dead; no row is all zero.
    ParamGraph graph = graph(true,
        new float[] {1, 1, 1, 1, 1, 1}, new float[] {0, 0, 0},
        new float[] {5, 0, -7, 0, 1, 0}, new float[] {0, 0});

    LayerStatistics fc2 = WeightStatisticsCalculator.of(graph).getLayers().get(1);

    assertThat(fc2.getDeadUnitFraction()).isEqualTo(0.5);
    assertThat(fc2.getL2Norm()).isCloseTo(Math.sqrt(25 + 49 + 1), within(1e-12));
    assertThat(fc2.getMaxAbs()).isEqualTo(7.0);
  }

  @Test
  void shouldReportAHealthyNetworkAsFiniteWithNoDeadUnits() {
    ParamGraph graph = graph(false,
        new float[] {1, -1, 2, 0, 0, 0.5f}, new float[] {1, 1, 1},
        new float[] {1, 0, 0, 0, 1, 0}, new float[] {0, 0});

    WeightStatistics statistics = WeightStatisticsCalculator.of(graph);

    assertThat(statistics.getNanCount()).isZero();
    assertThat(statistics.getInfCount()).isZero();
    assertThat(statistics.getLayers()).allSatisfy(l -> assertThat(l.getDeadUnitFraction()).isZero());
    assertThat(statistics.getLayers().get(0).getL2Norm()).isCloseTo(Math.sqrt(1 + 1 + 4 + 0.25 + 3), within(1e-12));
  }

  private static ParamGraph graph(boolean transposed, float[] w1, float[] b1, float[] w2, float[] b2) {
    return new GraphBuilder(GraphLimits.defaults()).build(NetworkSpecJson.parse(MLP.formatted(transposed)),
        MapTensorSource.of(
            Tensor.f32("fc1.weight", new long[] {3, 2}, w1),
            Tensor.f32("fc1.bias", new long[] {3}, b1),
            Tensor.f32("fc2.weight", transposed ? new long[] {3, 2} : new long[] {2, 3}, w2),
            Tensor.f32("fc2.bias", new long[] {2}, b2)));
  }
}
