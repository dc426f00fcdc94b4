package io.gmnstream.operator.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.operator.djl.DjlSettings;
import io.gmnstream.operator.djl.TestEngine;
import io.gmnstream.operator.score.BatchBounds;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.GmnScore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Kills an operator process mid-stream (no commit, no abort, no goodbye to the group) and starts its
 * successor with the same transactional id and group: every graph is still scored exactly once.
 */
@Timeout(180)
class CrashRecoveryTest {
    /** Small batches: many transactions, so the kill lands between or inside one. */
    static final BatchBounds BATCH = new BatchBounds(2, 1L << 17);
    private static final String RUN_PREFIX = "crash-run-";
    private static final int RUNS = 4;
    private static final int STEPS_BEFORE_KILL = 10;
    private static final int STEPS_AFTER_KILL = 5;

    @RegisterExtension
    static final KafkaStack stack = new KafkaStack();

    @TempDir
    Path temp;

    @Test
    void shouldScoreEveryGraphExactlyOnceAcrossAKilledInstance() throws Exception {
        publishSteps(1, STEPS_BEFORE_KILL);
        String identity = "crash-test-operator";

        Process first = startOperatorProcess(identity, temp.resolve("first.log"));
        List<GmnScore> beforeKill;
        try (KafkaStack.Reader reader = stack.reader(Topics.SCORES.name())) {
            beforeKill = reader.awaitScores(RUN_PREFIX, 4, Duration.ofSeconds(90));
        } finally {
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        int total = RUNS * (STEPS_BEFORE_KILL + STEPS_AFTER_KILL);
        LoggerFactory.getLogger(CrashRecoveryTest.class).info("killed the operator process after it had committed "
                + "at least {} of {} scores", beforeKill.size(), RUNS * STEPS_BEFORE_KILL);
        publishSteps(STEPS_BEFORE_KILL + 1, STEPS_BEFORE_KILL + STEPS_AFTER_KILL);

        ScoringServiceConfig successor = stack.serviceConfig(KafkaStack.SHIPPED_MODEL)
                .withTransactionalId(identity).withGroupId(identity).withBatch(BATCH).withMaxBatchWait(Duration.ZERO);
        try (ScoringService service = ScoringService.start(successor);
             KafkaStack.Reader reader = stack.reader(Topics.SCORES.name())) {
            reader.awaitScores(RUN_PREFIX, total, Duration.ofSeconds(90));
            List<GmnScore> scores = reader.scoresAfter(RUN_PREFIX, Duration.ofSeconds(1));

            Set<String> scored = new HashSet<>();
            List<String> duplicates = new ArrayList<>();
            for (GmnScore score : scores) {
                if (!scored.add(score.getRunId() + "/" + score.getStep())) {
                    duplicates.add(score.getRunId() + "/" + score.getStep());
                }
            }
            assertThat(duplicates).as("scored twice").isEmpty();
            assertThat(scores).hasSize(total);
            for (int run = 0; run < RUNS; run++) {
                for (int step = 1; step <= STEPS_BEFORE_KILL + STEPS_AFTER_KILL; step++) {
                    assertThat(scored).contains(RUN_PREFIX + run + "/" + step);
                }
            }
            assertThat(service.stats().lastError()).isEmpty();
        }
    }

    @Test
    void shouldStopAnInstanceWhoseIdentityASecondInstanceTookOver() {
        ScoringServiceConfig config = stack.serviceConfig(KafkaStack.SHIPPED_MODEL);
        try (ScoringService first = ScoringService.start(config);
             KafkaStack.Reader reader = stack.reader(Topics.SCORES.name())) {
            stack.publishGraph(TestGraphs.record("fenced-run", 1));
            reader.awaitScores("fenced-run", 1, Duration.ofSeconds(60));

            try (ScoringService second = ScoringService.start(config)) {
                Await.until("the first instance to stop", Duration.ofSeconds(60), () -> !first.isRunning(),
                        () -> first.stats().toString());
                assertThat(first.stats().lastError()).hasValueSatisfying(error -> assertThat(error).containsAnyOf(
                        "ProducerFencedException", "FencedInstanceIdException"));
                assertThat(second.isRunning()).isTrue();

                stack.publishGraph(TestGraphs.record("fenced-run", 2));
                reader.awaitScores("fenced-run", 2, Duration.ofSeconds(60));
                assertThat(reader.scoresAfter("fenced-run", Duration.ofMillis(500))).extracting(GmnScore::getStep)
                        .containsExactly(1L, 2L);
            }
        }
    }

    private static void publishSteps(int from, int to) {
        for (int step = from; step <= to; step++) {
            for (int run = 0; run < RUNS; run++) {
                stack.publishGraph(TestGraphs.record(RUN_PREFIX + run, step));
            }
        }
    }

    private Process startOperatorProcess(String identity, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        DjlSettings djl = DjlSettings.fromEnvironment(TestEngine.repoRoot());
        List<String> command = List.of(java, "-Xmx512m",
                "-Djava.io.tmpdir=" + temp,
                "-Dai.djl.offline=true",
                "-D" + DjlSettings.CACHE_DIR_PROPERTY + "=" + djl.cacheDir(),
                "-D" + DjlSettings.NUM_THREADS_PROPERTY + "=1",
                "-D" + DjlSettings.NUM_INTEROP_THREADS_PROPERTY + "=1",
                "-cp", System.getProperty("java.class.path"),
                OperatorProcessMain.class.getName(),
                stack.bootstrapServers(), stack.registryConfig().urls().get(0).toString(),
                KafkaStack.SHIPPED_MODEL.toString(), identity, identity);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Await.until("the operator process to start (log " + log + ")", Duration.ofSeconds(90),
                    () -> !process.isAlive() || logSays(log, OperatorProcessMain.STARTED));
            assertThat(process.isAlive()).as("operator process died; its log:%n%s", Files.readString(log)).isTrue();
        } catch (AssertionError | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        return process;
    }

    private static boolean logSays(Path log, String line) {
        try {
            return Files.exists(log) && Files.readString(log).contains(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
