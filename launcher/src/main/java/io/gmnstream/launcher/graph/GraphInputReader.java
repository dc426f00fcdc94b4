package io.gmnstream.launcher.graph;

import io.gmnstream.launcher.BadInputException;
import io.gmnstream.launcher.graph.GraphInput.InputFormat;
import io.gmnstream.paramgraph.GraphBuilder;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.paramgraph.onnx.ImportedModel;
import io.gmnstream.paramgraph.onnx.OnnxImporter;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.spec.NetworkSpecJson;
import io.gmnstream.paramgraph.tensor.SafetensorsReader;
import io.gmnstream.paramgraph.tensor.TensorSource;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.NativeLayerSpec;
import io.gmnstream.schemas.avro.OnnxModel;
import io.gmnstream.schemas.avro.RunManifest;
import io.gmnstream.schemas.checkpoint.CheckpointFileReader;
import io.gmnstream.streamjobs.graph.CheckpointGraphFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Reads a file named on the command line and recognises its format from its first bytes and name. */
public final class GraphInputReader {

  private static final byte[] AVRO_CONTAINER_MAGIC = {'O', 'b', 'j', 1};

  private final GraphLimits limits;
  private final GraphBuilder builder;

  public GraphInputReader(GraphLimits limits) {
    this.limits = limits;
    this.builder = new GraphBuilder(limits);
  }

  /**
   * @param layerSpec native layer spec for a safetensors file, else null
   * @param step for checkpoint files, the step to use; null for the last one
   */
  public GraphInput read(Path file, Path layerSpec, Long step) throws IOException {
    String name = file.getFileName().toString();
    if (startsWith(file, AVRO_CONTAINER_MAGIC)) {
      rejectSpec(layerSpec, "a checkpoint file carries its architecture in its run manifest");
      return checkpointFile(file, step);
    }
    if (step != null) {
      throw new BadInputException("--step applies to checkpoint files only, and " + name + " is not one");
    }
    if (name.endsWith(".safetensors") || layerSpec != null) {
      if (layerSpec == null) {
        throw new BadInputException(
            name + " holds weights only: give its architecture with --spec SPEC (a gmn-layers/1 JSON file)");
      }
      return safetensors(file, layerSpec);
    }
    return onnx(file);
  }

  private GraphInput onnx(Path file) throws IOException {
    byte[] bytes = readBounded(file);
    OnnxImporter importer = new OnnxImporter(limits);
    // The spec and the graph come from one import: asking for the spec first does not import twice.
    Supplier<ImportedModel> imported = once(() -> importer.importModel(bytes));
    return new GraphInput(InputFormat.ONNX, file.getFileName().toString(), () -> imported.get().spec(), () -> {
      ImportedModel model = imported.get();
      return builder.build(model.spec(), model.tensors());
    }, null);
  }

  private GraphInput safetensors(Path file, Path layerSpecFile) throws IOException {
    byte[] weights = readBounded(file);
    NetworkSpec spec;
    try {
      spec = NetworkSpecJson.parse(Files.readString(layerSpecFile));
    } catch (RuntimeException e) {
      throw new BadInputException(layerSpecFile.getFileName() + ": " + e.getMessage(), e);
    }
    return new GraphInput(InputFormat.SAFETENSORS, file.getFileName() + " with " + layerSpecFile.getFileName(),
        () -> spec, () -> {
          TensorSource tensors = new SafetensorsReader(limits).read(weights);
          return builder.build(spec, tensors);
        }, null);
  }

  private GraphInput checkpointFile(Path file, Long step) throws IOException {
    CheckpointGraphFactory factory = new CheckpointGraphFactory(limits);
    try (CheckpointFileReader reader = CheckpointFileReader.open(file)) {
      RunManifest manifest = reader.manifest();
      Checkpoint checkpoint = select(reader.readAll(), step, file);
      String description = String.format("%s (run %s, step %d)",
          file.getFileName(), manifest.getRunId(), checkpoint.getStep());
      return new GraphInput(InputFormat.CHECKPOINT_FILE, description, () -> architecture(manifest),
          () -> factory.build(manifest, checkpoint), checkpoint.getStep());
    }
  }

  /**
   * The run's architecture as its manifest gives it (every manifest carries one), lowered to the
   * native layer spec; the same rule as CheckpointGraphFactory, which keeps its copy private.
   */
  private NetworkSpec architecture(RunManifest manifest) {
    Object architecture = manifest.getArchitecture();
    if (architecture instanceof NativeLayerSpec nativeSpec) {
      return NetworkSpecJson.parse(nativeSpec.getSpecJson());
    }
    if (architecture instanceof OnnxModel onnxModel) {
      ByteBuffer model = onnxModel.getModel().duplicate();
      byte[] bytes = new byte[model.remaining()];
      model.get(bytes);
      return new OnnxImporter(limits).importModel(bytes).spec();
    }
    throw new IllegalStateException("RunManifest.architecture holds an unexpected type: " + architecture);
  }

  /** Computes {@code supplier} on first use only. Not thread-safe; a GraphInput is used by one thread. */
  private static <T> Supplier<T> once(Supplier<T> supplier) {
    return new Supplier<>() {
      private T value;

      @Override
      public T get() {
        if (value == null) {
          value = supplier.get();
        }
        return value;
      }
    };
  }

  /** The checkpoint at {@code step}, or the last one when no step is asked for. */
  private static Checkpoint select(List<Checkpoint> checkpoints, Long step, Path file) {
    if (checkpoints.isEmpty()) {
      throw new BadInputException(file.getFileName() + " holds a run manifest but no checkpoint");
    }
    if (step == null) {
      return checkpoints.get(checkpoints.size() - 1);
    }
    return checkpoints.stream()
        .filter(checkpoint -> checkpoint.getStep() == step)
        .reduce((first, second) -> second)
        .orElseThrow(() -> new BadInputException(String.format("%s has no checkpoint at step %d (steps: %s)",
            file.getFileName(), step,
            checkpoints.stream().map(c -> Long.toString(c.getStep())).collect(Collectors.joining(", ")))));
  }

  private byte[] readBounded(Path file) throws IOException {
    long size = Files.size(file);
    if (size > limits.maxFileBytes()) {
      throw new BadInputException(String.format(
          "%s is %,d bytes, over the limit of %,d bytes", file.getFileName(), size, limits.maxFileBytes()));
    }
    return Files.readAllBytes(file);
  }

  private static boolean startsWith(Path file, byte[] magic) throws IOException {
    try (var in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(magic.length), magic);
    }
  }

  private static void rejectSpec(Path layerSpec, String why) {
    if (layerSpec != null) {
      throw new BadInputException("--spec is not used here: " + why);
    }
  }
}
