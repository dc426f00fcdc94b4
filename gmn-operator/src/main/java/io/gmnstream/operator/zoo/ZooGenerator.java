package io.gmnstream.operator.zoo;

import io.gmnstream.operator.data.TaskData;
import io.gmnstream.operator.djl.EngineInfo;
import io.gmnstream.paramgraph.spec.NetworkSpecJson;
import io.gmnstream.schemas.avro.NativeLayerSpec;
import io.gmnstream.schemas.avro.RunManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Generates a model zoo: for each run index, sample a plan, train it with the DJL trainer, and
 * write one checkpoint file (manifest + one checkpoint per checkpoint epoch). Deterministic from
 * the master seed (weights bit-identical on the same machine and thread count), resumable (complete
 * files are skipped), and a failing run never stops the zoo: diverged runs are written like any
 * other, a run that throws is reported and retried by the next call.
 *
 * <pre>{@code
 * ZooConfig config = ZooConfig.digits(1000, 7L, Path.of("zoo"));
 * EngineInfo engine = DjlRuntime.start(config.djlSettings(projectDir));
 * ZooReport report = new ZooGenerator(engine, config).generate();
 * System.out.println(report.summary());
 * }</pre>
 */
public final class ZooGenerator {
    /** Written into every manifest's tags: lets readers tell zoo layouts apart later. */
    public static final String ZOO_FORMAT = "gmn-zoo/1";

    private final EngineInfo engine;
    private final ZooConfig config;
    private final RunSampler sampler;
    private final RunTrainer trainer;
    private final RunFiles files;
    private boolean progressBar = true;

    public ZooGenerator(EngineInfo engine, ZooConfig config) {
        this(engine, config, config.task().load(config.dataDir()));
    }

    ZooGenerator(EngineInfo engine, ZooConfig config, TaskData data) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.config = Objects.requireNonNull(config, "config");
        this.sampler = new RunSampler(config);
        this.trainer = new RunTrainer(engine, data, config.checkpointEpochs(), config.maxBatchesPerEpoch());
        try {
            this.files = new RunFiles(config.outputDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the zoo folder " + config.outputDir(), e);
        }
    }

    /** Turns the stderr progress bar off (tests, logs that are not a terminal). */
    public ZooGenerator withoutProgressBar() {
        this.progressBar = false;
        return this;
    }

    public RunSampler sampler() {
        return sampler;
    }

    /** The checkpoint file of run {@code runIndex} (present once the run is complete). */
    public Path runFile(int runIndex) {
        return files.file(sampler.runId(runIndex));
    }

    /** Trains and writes every run that is not complete on disk yet. */
    public ZooReport generate() {
        long start = System.nanoTime();
        Tally tally = new Tally();
        try (ProgressBar bar = progressBar ? newBar() : null) {
            for (int i = 0; i < config.runs(); i++) {
                RunPlan plan = sampler.plan(i);
                if (files.isComplete(plan.runId())) {
                    tally.skipped++;
                } else {
                    runAndRecord(plan, tally);
                }
                if (bar != null) {
                    bar.step();
                    bar.setExtraMessage(String.format(Locale.ROOT, "diverged %d, failed %d", tally.diverged, tally.failed.size()));
                }
            }
        }
        return new ZooReport(config.runs(), tally.trained, tally.skipped, tally.checkpoints, tally.diverged, tally.stalled,
                tally.failed, tally.cpuSeconds, (System.nanoTime() - start) / 1e9, tally.testAccuracies);
    }

    /**
     * Trains one plan that need not come from the sampler (the demo's diverging run) and writes its file,
     * unless a complete file of that run is already there.
     *
     * @return the run's checkpoint file
     */
    public Path trainRun(RunPlan plan) throws IOException {
        if (!files.isComplete(plan.runId())) {
            runAndWrite(plan);
        }
        return files.file(plan.runId());
    }

    /** Trains one plan and writes its file; a plan need not come from the sampler (tests force divergence). */
    RunResult runAndWrite(RunPlan plan) throws IOException {
        RunResult result = trainer.train(plan);
        files.write(manifest(plan), result.checkpoints());
        return result;
    }

    private void runAndRecord(RunPlan plan, Tally tally) {
        try {
            RunResult r = runAndWrite(plan);
            tally.trained++;
            tally.checkpoints += r.checkpoints().size();
            tally.diverged += r.diverged() ? 1 : 0;
            tally.stalled += r.stalled() ? 1 : 0;
            tally.cpuSeconds += r.cpuSeconds();
            tally.testAccuracies.add(r.lastTestAccuracy());
        } catch (IOException | RuntimeException e) {
            // One bad run (an engine error, a full disk for one file) must not lose the others.
            tally.failed.add(plan.runId() + " (" + e + ")");
        }
    }

    RunManifest manifest(RunPlan plan) {
        Map<String, String> hyper = new LinkedHashMap<>(plan.hyperparameters());
        hyper.put("max_batches_per_epoch", Integer.toString(config.maxBatchesPerEpoch()));
        hyper.put("checkpoint_epochs", config.checkpointEpochs().toString());
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("family", plan.architecture().family().wireName());
        tags.put("zoo_seed", Long.toString(config.masterSeed()));
        tags.put("run_index", Integer.toString(plan.runIndex()));
        tags.put("zoo_format", ZOO_FORMAT);
        return RunManifest.newBuilder()
                .setRunId(plan.runId())
                .setTask(config.task().taskId())
                .setCreatedAtMillis(Instant.now())
                .setFramework("djl-" + engine.djlVersion() + "/" + engine.engineName().toLowerCase(Locale.ROOT) + "-"
                        + engine.engineVersion())
                .setArchitecture(new NativeLayerSpec(NetworkSpecJson.toJson(trainer.spec(plan))))
                .setHyperparameters(hyper)
                .setTags(tags)
                .build();
    }

    private ProgressBar newBar() {
        return new ProgressBarBuilder()
                .setTaskName("zoo")
                .setInitialMax(config.runs())
                .setUnit(" runs", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }

    /** Running totals of one generate call. */
    private static final class Tally {
        int trained;
        int skipped;
        long checkpoints;
        int diverged;
        int stalled;
        double cpuSeconds;
        final List<String> failed = new ArrayList<>();
        final List<Double> testAccuracies = new ArrayList<>();
    }
}
