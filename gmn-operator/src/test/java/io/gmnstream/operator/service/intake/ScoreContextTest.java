package io.gmnstream.operator.service.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gmnstream.schemas.avro.LayerStatistics;
import io.gmnstream.schemas.avro.WeightStatistics;
import io.gmnstream.schemas.avro.WeightSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreContextTest {

    private static LayerStatistics layer(String name, double norm, double dead) {
        return LayerStatistics.newBuilder().setName(name).setL2Norm(norm).setMaxAbs(1).setDeadUnitFraction(dead).build();
    }

    @Test
    void shouldSummariseLayerNormsIntoTheNormOfAllParameters() {
        WeightStatistics statistics = WeightStatistics.newBuilder().setNanCount(4).setInfCount(1)
                .setLayers(List.of(layer("fc1", 3, 0.5), layer("fc2", 4, 0))).build();

        WeightSummary summary = ScoreContext.summarise(statistics);

        assertThat(summary.getNanCount()).isEqualTo(4);
        assertThat(summary.getInfCount()).isEqualTo(1);
        assertThat(summary.getL2Norm()).isCloseTo(5.0, within(1e-12));
        assertThat(summary.getLayerL2Norms()).containsExactly(Map.entry("fc1", 3.0), Map.entry("fc2", 4.0));
        assertThat(summary.getLayerDeadUnitFractions()).containsExactly(Map.entry("fc1", 0.5), Map.entry("fc2", 0.0));
    }

    @Test
    void shouldHaveNoSummaryWhenTheBuilderComputedNoStatistics() {
        assertThat(ScoreContext.summarise(null)).isNull();
    }
}
