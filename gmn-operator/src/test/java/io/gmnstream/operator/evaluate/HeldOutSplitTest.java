package io.gmnstream.operator.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeldOutSplitTest {

    @Test
    void shouldTestEveryRunTheModelDidNotTrainOnAndCountTheOverlap() {
        List<LabelledCheckpoint> zoo = Checkpoints.zoo(6);
        // run-0009 is a training run of the model that this zoo does not have.
        HeldOutSplit split = HeldOutSplit.of(zoo, Set.of("run-0000", "run-0002", "run-0003", "run-0009"));

        assertThat(split.trainRuns()).containsExactly("run-0000", "run-0002", "run-0003");
        assertThat(split.testRuns()).containsExactly("run-0001", "run-0004", "run-0005");
        assertThat(split.modelTrainRuns()).isEqualTo(4);
        assertThat(split.modelTrainRunsMissing()).isEqualTo(1);
        assertThat(split.train()).hasSize(6).allMatch(c -> split.trainRuns().contains(c.runId()));
        assertThat(split.test()).hasSize(6).noneMatch(c -> split.trainRuns().contains(c.runId()));
    }

    @Test
    void shouldTestTheWholeZooWhenTheModelTrainedOnAnotherOne() {
        HeldOutSplit split = HeldOutSplit.of(Checkpoints.zoo(3), Set.of("other-1", "other-2"));

        assertThat(split.train()).isEmpty();
        assertThat(split.test()).hasSize(6);
        assertThat(split.modelTrainRunsMissing()).isEqualTo(2);
    }
}
