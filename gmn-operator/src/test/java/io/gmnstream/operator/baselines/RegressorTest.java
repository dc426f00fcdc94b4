package io.gmnstream.operator.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gmnstream.operator.learn.Metrics;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegressorTest {
    private static final int TRAIN = 2000;
    private static final int TEST = 500;

    /** x0 in [-2, 2], x1 in [-3, 3], x2 an irrelevant feature. */
    private static double[][] inputs(int n, Random random) {
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {4 * random.nextDouble() - 2, 6 * random.nextDouble() - 3, random.nextGaussian()};
        }
        return x;
    }

    private static double[] target(double[][] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i][0] * x[i][0] + Math.sin(x[i][1]);
        }
        return y;
    }

    private static double r2(Regressor model, double[][] x, double[] y) {
        double[] predicted = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            predicted[i] = model.predict(x[i]);
        }
        return Metrics.r2(predicted, y);
    }

    @Test
    void gradientBoostingShouldFitANonlinearFunctionOnHeldOutPoints() {
        Random random = new Random(1);
        double[][] xTrain = inputs(TRAIN, random);
        double[][] xTest = inputs(TEST, random);

        GradientBoostedTrees gbt = GradientBoostedTrees.fit(GbtConfig.defaults(), xTrain, target(xTrain));

        assertThat(gbt.numTrees()).isEqualTo(300);
        assertThat(r2(gbt, xTest, target(xTest))).isGreaterThan(0.9);
    }

    @Test
    void gradientBoostingShouldBeDeterministicFromTheSeed() {
        Random random = new Random(2);
        double[][] x = inputs(500, random);
        double[] y = target(x);
        double[][] probe = inputs(50, random);
        GbtConfig config = GbtConfig.defaults().withTrees(50);

        GradientBoostedTrees a = GradientBoostedTrees.fit(config, x, y);
        GradientBoostedTrees b = GradientBoostedTrees.fit(config, x, y);
        GradientBoostedTrees c = GradientBoostedTrees.fit(config.withSeed(99), x, y);

        boolean differs = false;
        for (double[] p : probe) {
            assertThat(Double.doubleToLongBits(b.predict(p))).isEqualTo(Double.doubleToLongBits(a.predict(p)));
            differs |= c.predict(p) != a.predict(p);
        }
        assertThat(differs).as("another seed subsamples other rows").isTrue();
    }

    @Test
    void treesShouldSplitConsistentlyOnRawAndBinnedValuesIncludingNonFinite() {
        double[][] x = {{0}, {1}, {2}, {3}, {Double.NaN}, {Double.POSITIVE_INFINITY}, {Double.NEGATIVE_INFINITY}, {1}};
        double[] y = {0, 1, 2, 3, 10, 10, -5, 1};
        FeatureBins bins = FeatureBins.fit(x, 64);
        int[][] codes = bins.binAll(x);
        int[] rows = {0, 1, 2, 3, 4, 5, 6, 7};
        RegressionTree tree = RegressionTree.fit(bins, codes, y, rows, 3, 1);

        assertThat(tree.depth()).isLessThanOrEqualTo(3);
        for (int i = 0; i < x.length; i++) {
            assertThat(tree.predict(x[i])).isEqualTo(tree.predictBinned(codes, i));
        }
    }

    @Test
    void ridgeShouldRecoverALinearFunctionAndRejectBadInput() {
        Random random = new Random(4);
        double[][] x = new double[300][];
        double[] y = new double[300];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {random.nextGaussian() * 10, random.nextGaussian(), 7};
            y[i] = 3 * x[i][0] - 2 * x[i][1] + 5;
        }
        RidgeRegression ridge = RidgeRegression.fit(1e-8, x, y);

        assertThat(ridge.predict(new double[] {1, 1, 7})).isCloseTo(6, within(1e-3));
        assertThat(ridge.predict(new double[] {-2, 0.5, 7})).isCloseTo(-2, within(1e-3));
        assertThatThrownBy(() -> RidgeRegression.fit(1, x, new double[3])).isInstanceOf(IllegalArgumentException.class);
        y[0] = Double.NaN;
        assertThatThrownBy(() -> GradientBoostedTrees.fit(GbtConfig.defaults(), x, y))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0");
    }
}
