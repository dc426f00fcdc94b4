package io.gmnstream.operator.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HeldOutRunsTest {

    @Test
    void shouldHoldOutAboutTheFractionAndDecideByRunIdAlone() {
        HeldOutRuns split = new HeldOutRuns(0.25, 7);
        long held = IntStream.range(0, 4000).filter(i -> split.isHeldOut("run-" + i)).count();
        assertThat(held).isBetween(900L, 1100L);
        // Same id, same answer, whatever else exists: a run never changes side as outcomes arrive.
        assertThat(new HeldOutRuns(0.25, 7).isHeldOut("run-17")).isEqualTo(split.isHeldOut("run-17"));
    }

    @Test
    void shouldHoldOutDifferentRunsForADifferentSeed() {
        HeldOutRuns a = new HeldOutRuns(0.5, 1);
        HeldOutRuns b = new HeldOutRuns(0.5, 2);
        assertThat(IntStream.range(0, 100).filter(i -> a.isHeldOut("r" + i) != b.isHeldOut("r" + i)).count())
                .isGreaterThan(10);
    }

    @Test
    void shouldRefuseAFractionOutsideZeroOne() {
        assertThatThrownBy(() -> new HeldOutRuns(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HeldOutRuns(1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
