package io.gmnstream.operator.learn;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.operator.dataset.RunSplit;
import io.gmnstream.operator.dataset.ZooCheckpoints;
import io.gmnstream.operator.djl.TestEngine;
import io.gmnstream.operator.gmn.GmnConfig;
import io.gmnstream.paramgraph.GraphLimits;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * By-hand measurement on a real zoo (not part of the test suite: no Test in its name, and a main):
 * {@code java ... io.gmnstream.operator.learn.GmnZooMeasurement ZOO_DIR [EPOCHS] [MODEL_OUT_DIR] [LEARNING_RATE]}.
 * Fits on a 20% by-run split (seed 7) and on the out-of-distribution width split (widest ~30% of
 * runs held out), and prints the reports.
 */
public final class GmnZooMeasurement {
    private GmnZooMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        Path zooDir = Path.of(args[0]);
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path out = args.length > 2 ? Path.of(args[2]) : null;
        TestEngine.start();
        long t0 = System.nanoTime();
        ZooCheckpoints.Zoo zoo = ZooCheckpoints.loadZoo(zooDir, GraphLimits.defaults());
        List<LabelledCheckpoint> all = zoo.checkpoints();
        long nonFinite = all.stream().filter(c -> !c.finiteWeights()).count();
        System.out.printf(Locale.ROOT, "zoo %s: %d runs, %d checkpoints (%d non-finite, %d skipped), hash %s, load %.1f s%n",
                zooDir, zoo.runFiles(), all.size(), nonFinite, zoo.skipped(), zoo.hash(), (System.nanoTime() - t0) / 1e9);
        GmnConfig config = GmnConfig.builder().build();
        GmnFitter.Settings settings = GmnFitter.Settings.defaults().withEpochs(epochs).withStandardizeGap(true)
                .withLearningRate(args.length > 3 ? Float.parseFloat(args[3]) : 1e-3f);
        System.out.println("config " + config + "\nsettings " + settings);

        RunSplit byRun = RunSplit.byRun(all, 0.2, 7L);
        run("byRun", config, settings, byRun, zoo.hash(), out);
        int threshold = RunSplit.widthQuantile(all, 0.3);
        RunSplit ood = RunSplit.outOfDistribution(all, threshold);
        run("ood", config, settings, ood, zoo.hash(), null);
    }

    private static void run(String name, GmnConfig config, GmnFitter.Settings settings, RunSplit split, String hash, Path out)
            throws Exception {
        System.out.printf(Locale.ROOT, "%n== %s: %s; train %d checkpoints / %d runs, test %d / %d%n", name, split.description(),
                split.train().size(), split.trainRuns().size(), split.test().size(), split.testRuns().size());
        GmnFitter fitter = new GmnFitter(config, settings).withLog(s -> System.out.println("  " + s));
        try (GmnFitter.Fit fit = fitter.fit(split.train())) {
            System.out.printf(Locale.ROOT, "  train loss %.5f -> %.5f in %d steps, %.1f s (zeroed %d)%n", fit.initialTrainLoss(),
                    fit.finalTrainLoss(), fit.steps(), fit.seconds(), fit.zeroed());
            EvalReport test = GmnFitter.evaluate(fit, split.test(), split.description());
            EvalReport train = GmnFitter.evaluate(fit, split.train(), "train of " + split.description());
            System.out.println("TEST " + test.summary());
            System.out.println("TRAIN " + train.summary());
            if (out != null) {
                GmnFitter.save(fit, out, hash, Map.of(name, test));
                System.out.println("  saved to " + out);
            }
        }
    }
}
