package io.gmnstream.operator.zoo;

import io.gmnstream.operator.train.OptimizerKind;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns (master seed, run index) into a {@link RunPlan}: a family drawn uniformly from every
 * {@link Family}, its shape, and the training settings. Each run gets its own generator seeded by
 * a mix of both, so a run's plan does not depend on which other runs were sampled (resuming, or a
 * zoo of a different size, gives the same plan for the same index). Ranges are chosen wide on
 * purpose: learning rates span 4.5 decades, so some runs stall and some diverge, as real
 * training does.
 */
public final class RunSampler {
    static final List<String> ACTIVATIONS = List.of("relu", "tanh", "gelu");
    static final int[] BATCH_SIZES = {16, 32, 64, 128};
    static final Family[] FAMILIES = Family.values();
    static final String[] POOLS = {"none", "max", "avg"};
    static final int[] HEADS = {1, 2, 4};

    private final long masterSeed;
    private final List<Integer> checkpointEpochs;
    private final List<Integer> patchSizes;

    /** A sampler for the digits task. */
    public RunSampler(long masterSeed, List<Integer> checkpointEpochs) {
        this(masterSeed, checkpointEpochs, ZooTask.DIGITS);
    }

    /** The task only decides the attention family's patch sizes; every other choice depends on (seed, index) alone. */
    public RunSampler(long masterSeed, List<Integer> checkpointEpochs, ZooTask task) {
        this.masterSeed = masterSeed;
        this.checkpointEpochs = List.copyOf(checkpointEpochs);
        this.patchSizes = task.patchSizes();
        if (this.checkpointEpochs.size() < 2) {
            throw new IllegalArgumentException("need at least two checkpoint epochs, got " + checkpointEpochs);
        }
    }

    public RunSampler(ZooConfig config) {
        this(config.masterSeed(), config.checkpointEpochs(), config.task());
    }

    /** The run id for an index: the seed in hex keeps ids of different zoos apart. */
    public String runId(int runIndex) {
        return String.format("zoo-%016x-%06d", masterSeed, runIndex);
    }

    public RunPlan plan(int runIndex) {
        if (runIndex < 0) {
            throw new IllegalArgumentException("runIndex must be >= 0, got " + runIndex);
        }
        SplittableRandom r = new SplittableRandom(mix(masterSeed, runIndex));
        Family family = FAMILIES[r.nextInt(FAMILIES.length)];
        int depth = 1 + r.nextInt(maxDepth(family));
        // Every family-specific choice is drawn for every run (and used only where it applies), so
        // the draws that follow never depend on the family.
        double widthDraw = r.nextDouble();
        String activation = ACTIVATIONS.get(r.nextInt(ACTIVATIONS.size()));
        float dropout = r.nextDouble() < 0.5 ? 0f : (float) (0.05 + 0.45 * r.nextDouble());
        String pool = POOLS[r.nextInt(POOLS.length)];
        String readout = r.nextBoolean() ? "global_avg_pool" : "flatten";
        int heads = HEADS[r.nextInt(HEADS.length)];
        int patch = patchSizes.get(r.nextInt(patchSizes.size()));
        int width = width(family, widthDraw);

        OptimizerKind optimizer = r.nextBoolean() ? OptimizerKind.SGD : OptimizerKind.ADAM;
        // Adam: 3e-4 .. 0.05; SGD: 1e-2 .. 3. Together 4 decades: the low end stalls in a few
        // epochs, SGD's top half-decade (with momentum) diverges to NaN. With the conv and
        // attention families, Adam from 1e-4 and SGD from 3e-3 (and train fractions from 0.1) gave
        // 46% failed runs: too few useful checkpoints.
        float lr = (float) (optimizer == OptimizerKind.ADAM ? logUniform(r, 3e-4, 0.05) : logUniform(r, 1e-2, 3));
        float momentum = optimizer == OptimizerKind.SGD && r.nextBoolean() ? 0.9f : 0f;
        float weightDecay = r.nextDouble() < 0.5 ? 0f : (float) logUniform(r, 1e-5, 1e-2);
        int batchSize = BATCH_SIZES[r.nextInt(BATCH_SIZES.length)];
        // Never the first checkpoint epoch: every run gets at least two checkpoints.
        int epochs = checkpointEpochs.get(1 + r.nextInt(checkpointEpochs.size() - 1));
        float initScale = (float) logUniform(r, 0.5, 2);
        float trainFraction = (float) (0.25 + 0.75 * r.nextDouble());
        float labelNoise = r.nextDouble() < 0.6 ? 0f : (float) (0.5 * r.nextDouble());
        int seed = r.nextInt();
        Architecture arch = switch (family) {
            case CNN, CNN_BN -> new Architecture(family, depth, width, activation, dropout > 0, pool, readout, 1, 1);
            case ATTENTION -> new Architecture(family, depth, width, activation, dropout > 0, "none", "global_avg_pool", heads, patch);
            default -> new Architecture(family, depth, width, activation, dropout > 0);
        };
        return new RunPlan(runIndex, runId(runIndex), seed, arch, optimizer, lr, momentum, weightDecay, dropout, batchSize,
                epochs, initScale, trainFraction, labelNoise);
    }

    private static int maxDepth(Family family) {
        return switch (family) {
            case MLP -> 4;
            case ATTENTION, RESIDUAL_CNN -> 2;
            default -> 3;
        };
    }

    /**
     * Hidden width from a uniform draw: dense 8..128 and conv 4..16 log-uniform; attention 8 or 16
     * (a multiple of 4, so every head count divides it). Conv and attention nets stay this small
     * (and residual CNNs and transformers at most 2 blocks) to keep a run near a CPU second.
     */
    private static int width(Family family, double u) {
        return switch (family) {
            case MLP, RESIDUAL_MLP -> (int) Math.round(Math.exp(Math.log(8) + (Math.log(128) - Math.log(8)) * u));
            case CNN, CNN_BN, RESIDUAL_CNN -> (int) Math.round(Math.exp(Math.log(4) + (Math.log(16) - Math.log(4)) * u));
            case ATTENTION -> 8 * (1 + (int) (u * 2));
        };
    }

    private static double logUniform(SplittableRandom r, double lo, double hi) {
        return Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * r.nextDouble());
    }

    /** SplitMix64 finaliser over seed and index: neighbouring indices get unrelated streams. */
    static long mix(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
