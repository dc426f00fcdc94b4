package io.gmnstream.operator.outcomes;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.operator.gmn.GmnConfig;
import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.operator.learn.EnsembleEvaluation;
import io.gmnstream.operator.learn.EvalReport;
import io.gmnstream.operator.learn.GmnFitter;
import io.gmnstream.operator.learn.RegressionMetrics;
import io.gmnstream.operator.score.ModelEnsemble;
import io.gmnstream.operator.score.ModelVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One retraining round: fits a candidate GMN on (optional base zoo checkpoints +) the outcome examples
 * of the train-side runs, evaluates the candidate and the current model on the same held-out outcome
 * runs, and publishes the candidate into the model directory only if {@link PublishRule} says it is
 * better. The published model's metadata records what it learned from and both models' figures.
 *
 * <p>A round whose outcome examples are the same as the current model's (or as the last round this
 * trainer tried) does nothing: retraining on the same data cannot justify replacing a model.
 */
public final class OutcomeTrainer {
    public static final String FINGERPRINT = "outcomes.fingerprint";
    public static final String EXAMPLES = "outcomes.examples";
    static final String REPORT_NAME = "outcomes-held-out";

    /**
     * @param gmn         the candidate's shape
     * @param settings    how the candidate is fitted
     * @param heldOut     which outcome runs both models are compared on (never trained on)
     * @param minOutcomes fewest outcome examples worth a round
     * @param rule        when the candidate replaces the current model
     * @param start       what the candidate starts from
     */
    public record Config(GmnConfig gmn, GmnFitter.Settings settings, HeldOutRuns heldOut, int minOutcomes,
                         PublishRule rule, Start start) {
        public Config {
            Objects.requireNonNull(gmn, "gmn");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(heldOut, "heldOut");
            Objects.requireNonNull(rule, "rule");
            if (minOutcomes < 1) {
                throw new IllegalArgumentException("minOutcomes must be >= 1, was " + minOutcomes);
            }
        }
    }

    /** Base training data that is not from outcomes (e.g. a zoo), with an identity for the metadata. */
    public record BaseExamples(List<LabelledCheckpoint> checkpoints, String hash) {
        public BaseExamples {
            checkpoints = List.copyOf(checkpoints);
            Objects.requireNonNull(hash, "hash");
        }

        public static BaseExamples none() {
            return new BaseExamples(List.of(), "none");
        }
    }

    public enum Status { PUBLISHED, KEPT_CURRENT, SKIPPED }

    /**
     * What a candidate's weights start from. Fine-tuning the served model keeps what it learnt from
     * its zoo and costs a few epochs; from scratch (shaped by {@link Config#gmn()}) it learns only
     * from the examples of the round.
     */
    public enum Start { SCRATCH, CURRENT_MODEL }

    /**
     * What a round did.
     *
     * @param current   the current model's held-out figures; null when there was none (or the round was skipped)
     * @param candidate the candidate's held-out figures; null when skipped
     */
    public record Round(Status status, String reason, int outcomeExamples, int trainExamples, int heldOutRuns,
                        RegressionMetrics candidate, RegressionMetrics current) {
        public boolean published() {
            return status == Status.PUBLISHED;
        }

        public String summary() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "outcome examples %d, trained on %d checkpoints, %d held-out runs%n",
                    outcomeExamples, trainExamples, heldOutRuns));
            if (candidate != null) {
                sb.append("  candidate: ").append(candidate.format()).append('\n');
                sb.append("  current:   ").append(current == null ? "none" : current.format()).append('\n');
            }
            sb.append("  ").append(switch (status) {
                case PUBLISHED -> "published the candidate";
                case KEPT_CURRENT -> "kept the current model";
                case SKIPPED -> "skipped the round";
            }).append(": ").append(reason).append('\n');
            return sb.toString();
        }
    }

    private final Config config;
    private Consumer<String> log = s -> { };
    private String lastTriedFingerprint;

    public OutcomeTrainer(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Fit progress lines go here; silent by default. */
    public OutcomeTrainer withLog(Consumer<String> log) {
        this.log = Objects.requireNonNull(log, "log");
        return this;
    }

    public Round round(List<LabelledCheckpoint> outcomeExamples, BaseExamples base, Path modelDir) throws IOException {
        int n = outcomeExamples.size();
        if (n < config.minOutcomes()) {
            return skipped(n, "only " + n + " outcome examples, fewer than --min-outcomes " + config.minOutcomes());
        }
        String fingerprint = fingerprint(outcomeExamples, base.hash());
        // Reading metadata alone is cheap; a broken current model fails later, in evaluateCurrent.
        Map<String, String> currentMeta = GmnModel.readMetadata(modelDir);
        if (fingerprint.equals(currentMeta.get(FINGERPRINT)) || fingerprint.equals(lastTriedFingerprint)) {
            return skipped(n, "no new outcomes since the last round");
        }
        List<List<LabelledCheckpoint>> sides = config.heldOut().split(outcomeExamples);
        List<LabelledCheckpoint> heldOut = sides.get(1);
        Set<String> heldOutRuns = runIds(heldOut);
        List<LabelledCheckpoint> train = new ArrayList<>(sides.get(0));
        // A base checkpoint of a held-out run would leak it into training.
        base.checkpoints().stream().filter(c -> !heldOutRuns.contains(c.runId())).forEach(train::add);
        if (heldOut.isEmpty() || sides.get(0).isEmpty()) {
            return skipped(n, "need outcome runs on both sides of the split (train " + sides.get(0).size()
                    + ", held out " + heldOut.size() + ")");
        }
        String split = config.heldOut().description();
        boolean fineTune = config.start() == Start.CURRENT_MODEL && Files.exists(modelDir);
        String startedFrom = fineTune ? "fine-tuned from " + ModelVersion.of(modelDir, currentMeta) : "scratch";
        GmnFitter fitter = new GmnFitter(config.gmn(), config.settings()).withLog(log);
        try (GmnFitter.Fit fit = fineTune ? fitter.fineTune(modelDir, train) : fitter.fit(train)) {
            EvalReport candidate = GmnFitter.evaluate(fit, heldOut, split);
            EvalReport current = evaluateCurrent(modelDir, heldOut, split);
            RegressionMetrics currentAcc = current == null ? null : current.accuracy();
            PublishRule.Decision decision = config.rule().decide(candidate.accuracy(), currentAcc);
            lastTriedFingerprint = fingerprint; // only once the round got this far: a failed fit is retried
            Round round = new Round(decision.publish() ? Status.PUBLISHED : Status.KEPT_CURRENT, decision.reason(), n,
                    train.size(), heldOutRuns.size(), candidate.accuracy(), currentAcc);
            if (decision.publish()) {
                Map<String, String> meta = metadata(fit, candidate, currentAcc, round, fingerprint, base.hash(),
                        runIds(sides.get(0)).size());
                meta.put("outcomes.start", startedFrom);
                ModelPublisher.publish(modelDir, dir -> fit.model().saveWithOnly(dir, meta));
            }
            return round;
        }
    }

    private Round skipped(int n, String reason) {
        return new Round(Status.SKIPPED, reason, n, 0, 0, null, null);
    }

    private EvalReport evaluateCurrent(Path modelDir, List<LabelledCheckpoint> heldOut, String split)
            throws IOException {
        if (!Files.exists(modelDir)) {
            return null;
        }
        // The served folder may be an ensemble: the candidate must beat what is actually served.
        try (ModelEnsemble current = ModelEnsemble.load(modelDir)) {
            return EnsembleEvaluation.evaluate(current.models(), heldOut, split, config.settings().evalBatchSize()).mean();
        }
    }

    private static Map<String, String> metadata(GmnFitter.Fit fit, EvalReport candidate, RegressionMetrics current,
                                                Round round, String fingerprint, String baseHash, int trainRuns) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("zoo.hash", baseHash);
        m.putAll(fit.toMetadata());
        m.putAll(candidate.toMetadata("eval." + REPORT_NAME));
        m.put(EXAMPLES, Integer.toString(round.outcomeExamples()));
        m.put("outcomes.trainRuns", Integer.toString(trainRuns));
        m.put("outcomes.heldOutRuns", Integer.toString(round.heldOutRuns()));
        m.put(FINGERPRINT, fingerprint);
        put(m, "outcomes.heldOut.candidate", round.candidate());
        if (current != null) {
            put(m, "outcomes.heldOut.previous", current);
        }
        m.put("outcomes.decision", round.reason());
        return m;
    }

    private static void put(Map<String, String> m, String prefix, RegressionMetrics r) {
        m.put(prefix + ".n", Integer.toString(r.n()));
        m.put(prefix + ".mae", String.format(Locale.ROOT, "%.6f", r.mae()));
        m.put(prefix + ".tau", String.format(Locale.ROOT, "%.6f", r.kendallTau()));
        m.put(prefix + ".r2", String.format(Locale.ROOT, "%.6f", r.r2()));
    }

    /** SHA-256 over the examples' keys and labels (sorted) and the base data's hash. */
    static String fingerprint(List<LabelledCheckpoint> examples, String baseHash) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        md.update((baseHash + "\n").getBytes(StandardCharsets.UTF_8));
        examples.stream().sorted(Comparator.comparing(LabelledCheckpoint::key))
                .map(c -> String.format(Locale.ROOT, "%s %.6f %.6f%n", c.key(), c.testAccuracy(), c.trainAccuracy()))
                .forEach(line -> md.update(line.getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    private static Set<String> runIds(List<LabelledCheckpoint> list) {
        Set<String> ids = new TreeSet<>();
        list.forEach(c -> ids.add(c.runId()));
        return ids;
    }
}
