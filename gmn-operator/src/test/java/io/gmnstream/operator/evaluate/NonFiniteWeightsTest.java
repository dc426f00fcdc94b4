package io.gmnstream.operator.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.operator.learn.GmnFitter.NonFinite;
import java.util.List;
import org.junit.jupiter.api.Test;

class NonFiniteWeightsTest {
    private final LabelledCheckpoint finite = Checkpoints.of("run-a", "mlp", 1, 0.8);
    private final LabelledCheckpoint diverged = Checkpoints.of("run-b", "mlp", 1, 0.1, 2f, Float.NaN, Float.NEGATIVE_INFINITY);

    @Test
    void shouldZeroNonFiniteWeightsInTheGraphAndTheTensorsAndKeepLabels() {
        NonFiniteWeights.Applied applied = NonFiniteWeights.apply(List.of(finite, diverged), NonFinite.ZERO);

        assertThat(applied.zeroed()).isEqualTo(1);
        assertThat(applied.excluded()).isZero();
        assertThat(applied.checkpoints().get(0)).isSameAs(finite);
        LabelledCheckpoint z = applied.checkpoints().get(1);
        assertThat(z.graph().edgeValue()).containsExactly(2f, 0f, 0f);
        assertThat(z.tensors().get("fc.weight").values()).containsExactly(2f, 0f, 0f);
        assertThat(z.testAccuracy()).isEqualTo(0.1);
        assertThat(z.key()).isEqualTo(diverged.key());
        assertThat(diverged.graph().edgeValue()[1]).as("input untouched").isNaN();
    }

    @Test
    void shouldDropNonFiniteCheckpointsUnderExclude() {
        NonFiniteWeights.Applied applied = NonFiniteWeights.apply(List.of(finite, diverged), NonFinite.EXCLUDE);

        assertThat(applied.checkpoints()).containsExactly(finite);
        assertThat(applied.excluded()).isEqualTo(1);
    }
}
