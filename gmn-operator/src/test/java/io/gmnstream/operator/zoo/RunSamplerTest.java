package io.gmnstream.operator.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.operator.train.OptimizerKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunSamplerTest {
    static final List<Integer> EPOCHS = List.of(1, 2, 4, 8);

    @Test
    void shouldGiveTheSamePlanForTheSameSeedAndIndexWhateverWasSampledBefore() {
        RunSampler a = new RunSampler(11L, EPOCHS);
        RunSampler b = new RunSampler(11L, EPOCHS);
        List<RunPlan> forward = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            forward.add(a.plan(i));
        }
        for (int i = 49; i >= 0; i--) {
            assertThat(b.plan(i)).isEqualTo(forward.get(i));
        }
        assertThat(new RunSampler(12L, EPOCHS).plan(0)).isNotEqualTo(forward.get(0));
        assertThat(forward.stream().map(RunPlan::runId).distinct().count()).isEqualTo(50);
    }

    @Test
    void shouldCoverEveryFamilyActivationAndOptimiserAndSeveralDecadesOfLearningRate() {
        RunSampler sampler = new RunSampler(3L, EPOCHS);
        Set<Family> families = EnumSet.noneOf(Family.class);
        Set<OptimizerKind> optimizers = EnumSet.noneOf(OptimizerKind.class);
        Set<String> activations = new HashSet<>();
        Set<Integer> depths = new HashSet<>();
        Set<Integer> epochs = new HashSet<>();
        double minLr = Double.MAX_VALUE;
        double maxLr = 0;
        int minWidth = Integer.MAX_VALUE;
        int maxWidth = 0;
        int noisy = 0;
        int withDropout = 0;
        for (int i = 0; i < 200; i++) {
            RunPlan p = sampler.plan(i);
            families.add(p.architecture().family());
            optimizers.add(p.optimizer());
            activations.add(p.architecture().activation());
            depths.add(p.architecture().depth());
            epochs.add(p.epochs());
            minLr = Math.min(minLr, p.learningRate());
            maxLr = Math.max(maxLr, p.learningRate());
            minWidth = Math.min(minWidth, p.architecture().width());
            maxWidth = Math.max(maxWidth, p.architecture().width());
            noisy += p.labelNoise() > 0 ? 1 : 0;
            withDropout += p.dropoutRate() > 0 ? 1 : 0;
            // Every plan is a valid trainer config and a valid spec.
            p.trainingConfig(0);
            p.architecture().spec(64, 10);
        }
        assertThat(families).containsExactlyInAnyOrder(Family.values());
        // Uniform over the six families: about 33 of 200 each.
        for (Family f : Family.values()) {
            long n = java.util.stream.IntStream.range(0, 200).filter(i -> sampler.plan(i).architecture().family() == f).count();
            assertThat(n).as(f.wireName()).isBetween(15L, 55L);
        }
        assertThat(optimizers).containsExactlyInAnyOrder(OptimizerKind.values());
        assertThat(activations).containsExactlyInAnyOrder("relu", "tanh", "gelu");
        assertThat(depths).contains(1, 2, 3, 4);
        assertThat(epochs).containsExactlyInAnyOrder(2, 4, 8);
        assertThat(Math.log10(maxLr / minLr)).isGreaterThanOrEqualTo(3);
        assertThat(maxLr).isGreaterThan(1f);
        assertThat(minLr).isLessThan(1e-3);
        assertThat(minWidth).isLessThan(16);
        assertThat(maxWidth).isGreaterThan(100);
        assertThat(noisy).isBetween(40, 160);
        assertThat(withDropout).isBetween(40, 160);
    }

    @Test
    void shouldTakeTheAttentionPatchFromTheTaskAndNothingElse() {
        RunSampler digits = new RunSampler(5L, EPOCHS, ZooTask.DIGITS);
        RunSampler mnist = new RunSampler(5L, EPOCHS, ZooTask.MNIST);
        Set<Integer> digitPatches = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            RunPlan d = digits.plan(i);
            RunPlan m = mnist.plan(i);
            assertThat(m.learningRate()).isEqualTo(d.learningRate());
            assertThat(m.architecture().family()).isEqualTo(d.architecture().family());
            if (d.architecture().family() == Family.ATTENTION) {
                digitPatches.add(d.architecture().patch());
                assertThat(m.architecture().patch()).isEqualTo(7);
                m.architecture().spec(1, 28, 28, 10);
            }
        }
        assertThat(digitPatches).containsExactlyInAnyOrder(2, 4);
    }

    @Test
    void shouldRefuseAnInvalidZooConfigNamingTheField() {
        assertThatThrownBy(() -> ZooConfig.digits(0, 1L, Path.of("z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runs");
        assertThatThrownBy(() -> ZooConfig.digits(1, 1L, Path.of("z")).withCheckpointEpochs(List.of(2, 1)))
                .hasMessageContaining("checkpointEpochs").hasMessageContaining("increasing");
        assertThatThrownBy(() -> ZooConfig.digits(1, 1L, Path.of("z")).withCheckpointEpochs(List.of(2)))
                .hasMessageContaining("at least two");
    }
}
