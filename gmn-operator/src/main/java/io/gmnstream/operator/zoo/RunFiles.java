package io.gmnstream.operator.zoo;

import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.RunManifest;
import io.gmnstream.schemas.checkpoint.CheckpointFileFormat;
import io.gmnstream.schemas.checkpoint.CheckpointFileReader;
import io.gmnstream.schemas.checkpoint.CheckpointFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One checkpoint file per run in the zoo folder. A file is written as {@code <runId>.avro.tmp}
 * and renamed atomically when complete, so a file under its final name is always whole: resuming
 * skips it, and any leftover .tmp (an interrupted run) is simply overwritten.
 */
final class RunFiles {
    private final Path folder;

    RunFiles(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
    }

    Path file(String runId) {
        return folder.resolve(runId + CheckpointFileFormat.SUFFIX);
    }

    /** Complete = under its final name and readable with at least one checkpoint (a damaged file is redone). */
    boolean isComplete(String runId) {
        Path f = file(runId);
        if (!Files.isRegularFile(f)) {
            return false;
        }
        try (CheckpointFileReader reader = CheckpointFileReader.open(f)) {
            return runId.equals(reader.manifest().getRunId()) && reader.iterator().hasNext();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    void write(RunManifest manifest, Iterable<Checkpoint> checkpoints) throws IOException {
        Path target = file(manifest.getRunId());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (CheckpointFileWriter writer = CheckpointFileWriter.create(tmp, manifest)) {
            for (Checkpoint c : checkpoints) {
                writer.append(c);
            }
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
