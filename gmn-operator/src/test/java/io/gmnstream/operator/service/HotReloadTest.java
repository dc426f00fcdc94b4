package io.gmnstream.operator.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.operator.learn.GmnFitter;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.GmnScore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A new model version dropped into the model directory is scored with from then on, without a restart. */
@Timeout(120)
class HotReloadTest {
    private static final Path OOD_MODEL = KafkaStack.SHIPPED_MODEL.resolve("ood");
    private static final List<String> MODEL_FILES =
            List.of("VERSION", "hyperparameters.properties", "metadata.properties", "parameters.bin");

    @RegisterExtension
    static final KafkaStack stack = new KafkaStack();

    @TempDir
    Path temp;

    @Test
    void shouldScoreWithTheNewVersionOnceTheModelDirectoryChanges() throws Exception {
        Path modelDir = temp.resolve("digits-gmn");
        copyModel(KafkaStack.SHIPPED_MODEL, modelDir);
        String oldVersion = "digits-gmn@" + sha256(KafkaStack.SHIPPED_MODEL.resolve("parameters.bin")).substring(0, 12);
        String newVersion = "digits-gmn@" + sha256(OOD_MODEL.resolve("parameters.bin")).substring(0, 12);
        assertThat(newVersion).isNotEqualTo(oldVersion);

        ScoringServiceConfig config = stack.serviceConfig(modelDir).withModelReloadInterval(Duration.ofMillis(100));
        try (ScoringService service = ScoringService.start(config);
             KafkaStack.Reader reader = stack.reader(Topics.SCORES.name())) {
            publish(1, 4);
            List<GmnScore> before = stack.scores(reader.awaitAtLeast(4, Duration.ofSeconds(60)));
            assertThat(before).extracting(GmnScore::getModelVersion).containsOnly(oldVersion);

            copyModel(OOD_MODEL, modelDir);
            Await.until("the new model version", Duration.ofSeconds(30),
                    () -> service.stats().modelVersion().equals(newVersion), () -> service.stats().toString());
            publish(5, 8);
            List<GmnScore> all = stack.scores(reader.awaitAtLeast(8, Duration.ofSeconds(60)));

            assertThat(all.subList(4, 8)).extracting(GmnScore::getModelVersion).containsOnly(newVersion);
            assertThat(all.subList(4, 8)).extracting(GmnScore::getStep).containsExactlyInAnyOrder(5L, 6L, 7L, 8L);
            assertThat(metrics(service)).contains("gmn_operator_model_reloads_total{outcome=\"loaded\"} 1.0")
                    .contains("model_version=\"" + newVersion + "\"").doesNotContain(oldVersion);

            // A version that cannot load keeps the model in use and is counted.
            Files.writeString(modelDir.resolve("metadata.properties"), "model.version=broken\n" + GmnFitter.GAP_STD + "=wide\n");
            Await.until("the failed reload to be counted", Duration.ofSeconds(30),
                    () -> metrics(service).contains("gmn_operator_model_reloads_total{outcome=\"failed\"} 1.0"));
            assertThat(service.stats().modelVersion()).isEqualTo(newVersion);
            assertThat(service.isRunning()).isTrue();
        }
    }

    private static void publish(int fromStep, int toStep) {
        for (int step = fromStep; step <= toStep; step++) {
            stack.publishGraph(TestGraphs.record("run-reload", step));
        }
    }

    private static void copyModel(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (String file : MODEL_FILES) {
            // Each file lands whole: the watcher may look between two files, never at half of one.
            Path staged = Files.copy(from.resolve(file), to.resolve(file + ".tmp"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(staged, to.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static String metrics(ScoringService service) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.httpPort().orElseThrow() + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
