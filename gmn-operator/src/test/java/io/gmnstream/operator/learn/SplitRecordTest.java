package io.gmnstream.operator.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitRecordTest {
    @TempDir Path dir;

    @Test
    void shouldWriteTrainRunsSortedOnePerLineAndReadThemBack() throws IOException {
        SplitRecord r = new SplitRecord(SplitRecord.BY_RUN, Map.of("seed", "7", "testFraction", "0.2"), "by-run test=0.200 seed=7",
                Set.of("run-0003", "run-0001", "run-0002"), Set.of("run-0004"));

        r.writeTrainRuns(dir);

        assertThat(Files.readString(dir.resolve(SplitRecord.TRAIN_RUNS_FILE))).isEqualTo("run-0001\nrun-0002\nrun-0003\n");
        assertThat(SplitRecord.readTrainRuns(dir)).containsExactly("run-0001", "run-0002", "run-0003");
        assertThat(r.toMetadata()).containsEntry("split.kind", "by-run").containsEntry("split.seed", "7")
                .containsEntry("split.testFraction", "0.2").containsEntry("split.trainRuns", "3")
                .containsEntry("split.testRuns", "1").containsEntry("split.description", "by-run test=0.200 seed=7");
    }

    @Test
    void shouldRefuseAModelFolderWithoutTrainRunsAndIdsThatCannotBeWrittenOnALine() {
        assertThatThrownBy(() -> SplitRecord.readTrainRuns(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("train-runs.txt");
        assertThatThrownBy(() -> new SplitRecord("by-run", Map.of(), "d", Set.of("a\nb"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
