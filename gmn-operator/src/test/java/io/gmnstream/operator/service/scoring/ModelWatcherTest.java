package io.gmnstream.operator.service.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.operator.djl.TestEngine;
import io.gmnstream.operator.outcomes.ModelPublisher;
import io.gmnstream.operator.score.BatchBounds;
import io.gmnstream.operator.score.ModelVersion;
import io.gmnstream.operator.score.Scorer;
import io.gmnstream.operator.service.KafkaStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelWatcherTest {
    private static final List<String> MODEL_FILES =
            List.of("VERSION", "hyperparameters.properties", "metadata.properties", "parameters.bin");

    @TempDir
    Path temp;

    private final List<String> events = new ArrayList<>();
    private final ModelWatcher.Listener listener = new ModelWatcher.Listener() {
        @Override
        public void reloaded(String version) {
            events.add("loaded " + version);
        }

        @Override
        public void reloadFailed(String version, Exception cause) {
            events.add("failed " + version);
        }
    };
    private int loads;

    @BeforeAll
    static void startEngine() {
        TestEngine.start();
    }

    private Scorer countingLoad(Path dir) throws IOException {
        loads++;
        return Scorer.load(dir, BatchBounds.DEFAULT);
    }

    private Path copyOfShippedModel() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("digits-gmn"));
        for (String file : MODEL_FILES) {
            Files.copy(KafkaStack.SHIPPED_MODEL.resolve(file), dir.resolve(file));
        }
        return dir;
    }

    @Test
    void shouldOfferANewVersionOnceAndNeverReloadAnUnchangedOne() throws IOException {
        Path dir = copyOfShippedModel();
        String current;
        try (Scorer initial = Scorer.load(dir, BatchBounds.DEFAULT)) {
            current = initial.modelVersion();
        }
        try (ModelHandoff handoff = new ModelHandoff();
             ModelWatcher watcher = new ModelWatcher(dir, current, this::countingLoad, handoff, listener)) {
            watcher.check();
            assertThat(loads).isZero();
            assertThat(handoff.take()).isEmpty();

            Files.writeString(dir.resolve("metadata.properties"), ModelVersion.METADATA_KEY + "=digits-gmn-v2\n");
            watcher.check();
            watcher.check();

            assertThat(loads).isEqualTo(1);
            assertThat(events).containsExactly("loaded digits-gmn-v2");
            Optional<Scorer> offered = handoff.take();
            assertThat(offered).hasValueSatisfying(s -> assertThat(s.modelVersion()).isEqualTo("digits-gmn-v2"));
            offered.get().close();
        }
    }

    @Test
    void shouldKeepTheOldModelAndNotRetryAVersionThatFailedToLoad() throws IOException {
        Path dir = copyOfShippedModel();
        try (ModelHandoff handoff = new ModelHandoff();
             ModelWatcher watcher = new ModelWatcher(dir, "old", this::countingLoad, handoff, listener)) {
            Files.writeString(dir.resolve("VERSION"), "99\n");
            Files.writeString(dir.resolve("metadata.properties"), ModelVersion.METADATA_KEY + "=future\n");

            watcher.check();
            watcher.check();

            assertThat(loads).isEqualTo(1);
            assertThat(events).containsExactly("failed future");
            assertThat(handoff.take()).isEmpty();

            Files.writeString(dir.resolve("VERSION"), Files.readString(KafkaStack.SHIPPED_MODEL.resolve("VERSION")));
            Files.writeString(dir.resolve("metadata.properties"), ModelVersion.METADATA_KEY + "=fixed\n");
            watcher.check();

            assertThat(events).containsExactly("failed future", "loaded fixed");
            handoff.take().orElseThrow().close();
        }
    }

    @Test
    void shouldReloadAModelThatTheOutcomeTrainerPublishedOverADirectoryOrASymlink() throws IOException {
        Path plain = copyOfShippedModel();
        Path link = temp.resolve("served");
        Files.createSymbolicLink(link, plain.getFileName());
        for (Path served : List.of(plain, link)) {
            events.clear();
            String current;
            try (Scorer initial = Scorer.load(served, BatchBounds.DEFAULT)) {
                current = initial.modelVersion();
            }
            try (ModelHandoff handoff = new ModelHandoff();
                 ModelWatcher watcher = new ModelWatcher(served, current, this::countingLoad, handoff, listener)) {
                String next = "retrained-from-outcomes-" + served.getFileName();
                ModelPublisher.publish(served, dir -> {
                    for (String file : MODEL_FILES) {
                        Files.copy(KafkaStack.SHIPPED_MODEL.resolve(file), dir.resolve(file));
                    }
                    Files.writeString(dir.resolve("metadata.properties"), ModelVersion.METADATA_KEY + "=" + next + "\n");
                });
                watcher.check();

                assertThat(events).containsExactly("loaded " + next);
                handoff.take().orElseThrow().close();
            }
        }
        // The link now names the new model; the old target and every staged or set-aside copy are gone.
        Path linked = Files.readSymbolicLink(link);
        try (var siblings = Files.list(temp)) {
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("served", linked.getFileName().toString());
        }
    }

    @Test
    void aClosedHandoffHandsOutNothingOfferedBeforeOrAfter() throws IOException {
        Scorer scorer = Scorer.load(KafkaStack.SHIPPED_MODEL, BatchBounds.DEFAULT);
        ModelHandoff handoff = new ModelHandoff();
        handoff.offer(scorer);
        handoff.close();

        assertThat(handoff.take()).isEmpty();
        Scorer late = Scorer.load(KafkaStack.SHIPPED_MODEL, BatchBounds.DEFAULT);
        handoff.offer(late);
        assertThat(handoff.take()).isEmpty();
    }
}
