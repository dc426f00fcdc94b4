package io.gmnstream.operator.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DjlSettingsTest {
    private static final DjlSettings EIGHT_THREADS = new DjlSettings(Path.of("cache"), 8, 1);
    private String savedThreads;

    @BeforeEach
    void clearThreadProperty() {
        savedThreads = System.clearProperty(DjlSettings.NUM_THREADS_PROPERTY);
    }

    @AfterEach
    void restoreThreadProperty() {
        if (savedThreads != null) {
            System.setProperty(DjlSettings.NUM_THREADS_PROPERTY, savedThreads);
        }
    }

    @Test
    void sharedByWorkersGivesEachItsShareOfTheCores() {
        int cores = Runtime.getRuntime().availableProcessors();

        assertThat(EIGHT_THREADS.sharedBy(cores).numThreads()).isEqualTo(1);
        assertThat(EIGHT_THREADS.sharedBy(cores + 1).numThreads()).isEqualTo(1);
        assertThat(EIGHT_THREADS.sharedBy(1).numThreads()).isEqualTo(cores);
        assertThat(EIGHT_THREADS.sharedBy(cores).cacheDir()).isEqualTo(EIGHT_THREADS.cacheDir());
        assertThatThrownBy(() -> EIGHT_THREADS.sharedBy(0)).hasMessage("workers must be at least 1, got 0");
    }

    @Test
    void sharedByKeepsAThreadCountThatWasSetExplicitly() {
        System.setProperty(DjlSettings.NUM_THREADS_PROPERTY, "8");

        assertThat(EIGHT_THREADS.sharedBy(2)).isSameAs(EIGHT_THREADS);
    }
}
