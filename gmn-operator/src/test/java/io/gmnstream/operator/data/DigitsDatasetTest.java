package io.gmnstream.operator.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DigitsDatasetTest {
    private static final TaskData DIGITS = DigitsDataset.load();

    @Test
    void shouldSplitTheBundledFileInto1438TrainAnd359TestRows() {
        assertThat(DIGITS.train().size()).isEqualTo(1438);
        assertThat(DIGITS.test().size()).isEqualTo(359);
        assertThat(DIGITS.train().flatShape()).containsExactly(1438, 64);
        assertThat(DIGITS.test().imageShape()).containsExactly(359, 1, 8, 8);
        assertThat(Arrays.stream(DIGITS.train().labelCounts()).sum()).isEqualTo(1438);
        assertThat(Arrays.stream(DIGITS.test().labelCounts()).sum()).isEqualTo(359);
        // Exact per-class counts of the canonical split (computed independently from the CSV with Python).
        assertThat(DIGITS.train().labelCounts()).containsExactly(151, 161, 143, 131, 147, 154, 150, 136, 127, 138);
        assertThat(DIGITS.test().labelCounts()).containsExactly(27, 21, 34, 52, 34, 28, 31, 43, 47, 42);
    }

    @Test
    void shouldScalePixelsBySixteen() {
        float max = 0;
        for (float v : DIGITS.train().features()) {
            assertThat(v).isBetween(0f, 1f);
            assertThat(v * 16f).isEqualTo((float) Math.rint(v * 16f));
            max = Math.max(max, v);
        }
        assertThat(max).isEqualTo(1f);
    }

    @Test
    void shouldPutRowIIntoTestIffIMod5Is4() throws IOException {
        // Ten rows; row i has every pixel = i and label i, so each sample shows where it came from.
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            for (int p = 0; p < 64; p++) {
                csv.append(i).append(',');
            }
            csv.append(i).append('\n');
        }
        TaskData data = DigitsDataset.parse(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.US_ASCII)), "ten.csv");

        assertThat(data.test().labels()).containsExactly(4, 9);
        assertThat(data.train().labels()).containsExactly(0, 1, 2, 3, 5, 6, 7, 8);
        assertThat(data.test().features()[64]).isEqualTo(9 / 16f);
        assertThat(DigitsDataset.isTestRow(4)).isTrue();
        assertThat(DigitsDataset.isTestRow(5)).isFalse();
    }

    @Test
    void shouldRejectAPixelOutOfRangeNamingTheSourceAndLine() {
        String row = "17" + ",0".repeat(63) + ",3\n";
        assertThatThrownBy(() -> DigitsDataset.parse(new ByteArrayInputStream(row.getBytes(StandardCharsets.US_ASCII)), "bad.csv"))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("bad.csv")
                .hasMessageContaining("line 1");
    }
}
