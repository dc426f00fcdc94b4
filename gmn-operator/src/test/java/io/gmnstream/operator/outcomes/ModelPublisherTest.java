package io.gmnstream.operator.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPublisherTest {
    @TempDir Path temp;

    @Test
    void shouldReplaceADirectoryAndLeaveNoStagingBehind() throws IOException {
        Path model = temp.resolve("model");
        Files.createDirectories(model);
        Files.writeString(model.resolve("parameters.bin"), "old");
        Files.writeString(model.resolve("stale.txt"), "x");

        ModelPublisher.publish(model, dir -> Files.writeString(dir.resolve("parameters.bin"), "new"));

        assertThat(Files.readString(model.resolve("parameters.bin"))).isEqualTo("new");
        assertThat(model.resolve("stale.txt")).doesNotExist();
        try (Stream<Path> s = Files.list(temp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("model");
        }
    }

    @Test
    void shouldSwapASymlinkAtomicallyToTheNewModel() throws IOException {
        Path v1 = temp.resolve("v1");
        Files.createDirectories(v1);
        Files.writeString(v1.resolve("parameters.bin"), "old");
        Path link = temp.resolve("current");
        Files.createSymbolicLink(link, v1.getFileName());

        ModelPublisher.publish(link, dir -> Files.writeString(dir.resolve("parameters.bin"), "new"));

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(link.resolve("parameters.bin"))).isEqualTo("new");
        assertThat(v1).doesNotExist();
    }

    @Test
    void shouldKeepTheOldModelWhenWritingTheNewOneFails() throws IOException {
        Path model = temp.resolve("model");
        Files.createDirectories(model);
        Files.writeString(model.resolve("parameters.bin"), "old");

        assertThatThrownBy(() -> ModelPublisher.publish(model, dir -> {
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(Files.readString(model.resolve("parameters.bin"))).isEqualTo("old");
        try (Stream<Path> s = Files.list(temp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("model");
        }
    }
}
