package io.gmnstream.operator.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gmnstream.operator.djl.TestEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDatasetTest {

    @Test
    void shouldLoadTheSharedMnistFilesWithTheFileSplit() {
        Path mnist = TestEngine.repoRoot().resolve("../shared/data/mnist").normalize();
        assumeTrue(Files.isRegularFile(mnist.resolve(MnistDataset.TRAIN_IMAGES)),
                "MNIST not found at " + mnist + " (the repo is cloned with shared/ beside it); skipping");

        TaskData data = MnistDataset.load(mnist);

        assertThat(data.train().size()).isEqualTo(60_000);
        assertThat(data.test().size()).isEqualTo(10_000);
        assertThat(data.train().imageShape()).containsExactly(60_000, 1, 28, 28);
        assertThat(Arrays.stream(data.test().labelCounts()).sum()).isEqualTo(10_000);
        float max = 0;
        for (float v : data.test().features()) {
            max = Math.max(max, v);
        }
        assertThat(max).isEqualTo(1f);
        assertThat(data.test().features()[28 * 14 + 14] * 255f).isEqualTo((float) Math.rint(data.test().features()[28 * 14 + 14] * 255f));
    }

    @Test
    void shouldReadAWellFormedIdxFile(@TempDir Path dir) throws IOException {
        Path file = gzip(dir.resolve("ok.gz"), idx(0x00000803, new int[] {2, 2, 2}, new byte[] {0, 1, 2, 3, 4, 5, 6, (byte) 255}));

        IdxArray array = IdxReader.readGzipped(file, 3);

        assertThat(array.dims()).containsExactly(2, 2, 2);
        assertThat(array.unsigned(7)).isEqualTo(255);
    }

    @Test
    void shouldRejectABadMagicNumberNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = gzip(dir.resolve("train-labels-idx1-ubyte.gz"), idx(0x00000D01, new int[] {3}, new byte[3]));

        assertThatThrownBy(() -> IdxReader.readGzipped(file, 1))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("bad IDX magic number 0x00000D01");
    }

    @Test
    void shouldRejectATruncatedFileNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = gzip(dir.resolve("t10k-images-idx3-ubyte.gz"), idx(0x00000803, new int[] {10, 28, 28}, new byte[100]));

        assertThatThrownBy(() -> IdxReader.readGzipped(file, 3))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated")
                .hasMessageContaining("7840");
    }

    @Test
    void shouldRejectAFileThatIsNotGzipped(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("plain.gz"), idx(0x00000801, new int[] {1}, new byte[1]));

        assertThatThrownBy(() -> IdxReader.readGzipped(file, 1))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("gzip");
    }

    @Test
    void shouldRejectAMissingFolderListingTheExpectedFiles(@TempDir Path dir) {
        assertThatThrownBy(() -> MnistDataset.load(dir.resolve("nope")))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(MnistDataset.TRAIN_IMAGES);
    }

    private static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    private static Path gzip(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
        return file;
    }
}
