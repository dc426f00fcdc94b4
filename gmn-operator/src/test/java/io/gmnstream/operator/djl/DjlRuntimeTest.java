package io.gmnstream.operator.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DjlRuntimeTest {

    @Test
    void shouldStartPyTorchOfflineAndReportVersionAndDevice() throws IOException {
        EngineInfo info = TestEngine.start();

        assertThat(info.engineName()).isEqualTo("PyTorch");
        assertThat(info.engineVersion()).startsWith("2.7.1");
        assertThat(info.djlVersion()).isEqualTo("0.35.1");
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(info.device().isGpu()).isEqualTo(info.gpuCount() > 0);
        assertThat(info.describe()).contains("PyTorch 2.7.1", info.device().toString(), "offline",
                info.settings().cacheDir().toString()).doesNotContain("\n");
        // The native library was extracted into the configured cache, not under ~/.djl.ai.
        try (var files = Files.walk(info.settings().cacheDir())) {
            assertThat(files.anyMatch(p -> p.getFileName().toString().startsWith("libtorch"))).isTrue();
        }
        System.out.println(info.describe());
    }

    @Test
    void shouldStartTwiceWithTheSameSettings() {
        assertThat(TestEngine.start().engineVersion()).isEqualTo(TestEngine.start().engineVersion());
    }

    @Test
    void shouldRefuseACacheFolderThatIsAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        DjlSettings settings = new DjlSettings(file.resolve("cache"), 1, 1);

        assertThatThrownBy(() -> DjlRuntime.start(settings))
                .isInstanceOf(DjlStartupException.class)
                .hasMessageContaining("cannot create the DJL cache folder")
                .hasMessageContaining(DjlSettings.CACHE_DIR_PROPERTY);
    }

    @Test
    void shouldRejectNonPositiveThreadCountsNamingTheProperty() {
        assertThatThrownBy(() -> new DjlSettings(Path.of("x"), 0, 1))
                .hasMessageContaining("ai.djl.pytorch.num_threads");
        assertThatThrownBy(() -> new DjlSettings(Path.of("x"), 1, 0))
                .hasMessageContaining("ai.djl.pytorch.num_interop_threads");
    }

    @Test
    void missingNativeMessageSaysWhatToDo() {
        String message = DjlRuntime.missingNativeMessage(new DjlSettings(Path.of("/tmp/c"), 1, 1),
                new UnsatisfiedLinkError("no libtorch"));
        assertThat(message).contains("no libtorch", "pytorch-native-cpu:2.7.1:linux-x86_64", "PYTORCH_LIBRARY_PATH", "/tmp/c");
    }
}
