package io.gmnstream.pipeline.replay;

import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.RunManifest;
import io.gmnstream.schemas.checkpoint.CheckpointFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A training run as a training job publishes it: its manifest, then its checkpoints in step order.
 *
 * @param manifest the run's manifest (gmn.runs)
 * @param checkpoints its checkpoints (gmn.checkpoints), in step order
 */
public record RecordedRun(RunManifest manifest, List<Checkpoint> checkpoints) {

  public RecordedRun {
    Objects.requireNonNull(manifest, "manifest");
    checkpoints = List.copyOf(checkpoints);
  }

  public String runId() {
    return manifest.getRunId();
  }

  /** The same run under another id, as if a second job had trained it (for replaying a few runs many times). */
  public RecordedRun renamed(String runId) {
    RunManifest m = RunManifest.newBuilder(manifest).setRunId(runId).build();
    List<Checkpoint> c = checkpoints.stream().map(cp -> Checkpoint.newBuilder(cp).setRunId(runId).build()).toList();
    return new RecordedRun(m, c);
  }

  /** Reads one gmn-stream checkpoint file (what {@code gmn-stream zoo} writes per run). */
  public static RecordedRun read(Path checkpointFile) throws IOException {
    try (CheckpointFileReader reader = CheckpointFileReader.open(checkpointFile)) {
      return new RecordedRun(reader.manifest(), reader.readAll());
    }
  }

  /** Every run file ({@code *.avro}) of a zoo folder, in file-name order. */
  public static List<RecordedRun> readFolder(Path folder) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(p -> p.getFileName().toString().endsWith(".avro")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IOException("no run files (*.avro) in " + folder);
    }
    List<RecordedRun> runs = new ArrayList<>(files.size());
    for (Path file : files) {
      runs.add(read(file));
    }
    return runs;
  }
}
