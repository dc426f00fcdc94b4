package io.gmnstream.launcher.demo;

import io.gmnstream.launcher.BadInputException;
import io.gmnstream.schemas.checkpoint.CheckpointFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** Finds the example networks of a folder and packs one into a gmn-stream checkpoint file. */
final class ExampleNetworks {
  private ExampleNetworks() {}

  /** Every .onnx file, and every .safetensors file that has a layer spec (same name, .json) beside it. */
  static List<DemoInput> find(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new BadInputException("no examples folder at " + folder + " (use --examples DIR)");
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.sorted()
          .map(ExampleNetworks::asInput)
          .flatMap(Stream::ofNullable)
          .toList();
    }
  }

  private static DemoInput asInput(Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".onnx")) {
      return new DemoInput(name, file, null);
    }
    if (name.endsWith(".safetensors")) {
      Path spec = file.resolveSibling(name.replaceFirst("\\.safetensors$", ".json"));
      return Files.isRegularFile(spec) ? new DemoInput(name + " + " + spec.getFileName(), file, spec) : null;
    }
    return null;
  }

  /**
   * Writes the first safetensors example as a checkpoint file (Avro container: the run manifest in its
   * metadata, one Checkpoint record), the format training runs are replayed from.
   */
  static DemoInput checkpointFileFrom(List<DemoInput> inputs, Path folder) throws IOException {
    DemoInput source = inputs.stream()
        .filter(input -> input.layerSpec() != null)
        .findFirst()
        .orElseThrow(() -> new BadInputException("the examples folder has no .safetensors file with its .json spec"));
    ExampleRun run = ExampleRun.of(source, Instant.now());
    Path file = folder.resolve(run.manifest().getRunId() + ".avro");
    try (CheckpointFileWriter writer = CheckpointFileWriter.create(file, run.manifest())) {
      writer.append(run.checkpoint());
    }
    return new DemoInput(file.getFileName() + " (checkpoint file)", file, null);
  }
}
