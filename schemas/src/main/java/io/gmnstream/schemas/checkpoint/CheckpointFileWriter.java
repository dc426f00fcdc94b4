package io.gmnstream.schemas.checkpoint;

import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.RunManifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Writes a checkpoint file ({@link CheckpointFileFormat}): the manifest goes in the header, then
 * checkpoints are appended in order. Not thread-safe. Close it (try-with-resources) or the last
 * block is lost.
 */
public final class CheckpointFileWriter implements AutoCloseable {

  private final Path file;
  private final String runId;
  private final DataFileWriter<Checkpoint> writer;
  private long count;

  private CheckpointFileWriter(Path file, String runId, DataFileWriter<Checkpoint> writer) {
    this.file = file;
    this.runId = runId;
    this.writer = writer;
  }

  /** Creates (or overwrites) the file, uncompressed: weights are float bits that barely shrink. */
  public static CheckpointFileWriter create(Path file, RunManifest manifest) throws IOException {
    return create(file, manifest, CodecFactory.nullCodec());
  }

  /** Creates (or overwrites) the file with a block codec, e.g. {@code CodecFactory.deflateCodec(6)}. */
  public static CheckpointFileWriter create(Path file, RunManifest manifest, CodecFactory codec)
      throws IOException {
    Objects.requireNonNull(manifest, "manifest");
    DataFileWriter<Checkpoint> writer =
        new DataFileWriter<>(new SpecificDatumWriter<>(Checkpoint.class));
    try {
      writer.setCodec(codec);
      writer.setMeta(CheckpointFileFormat.VERSION_KEY, CheckpointFileFormat.VERSION);
      writer.setMeta(CheckpointFileFormat.MANIFEST_SCHEMA_KEY,
          manifest.getSchema().toString().getBytes(StandardCharsets.UTF_8));
      writer.setMeta(CheckpointFileFormat.MANIFEST_KEY, encode(manifest));
      writer.create(Checkpoint.getClassSchema(), file.toFile());
    } catch (IOException | RuntimeException e) {
      writer.close();
      throw new CheckpointFileException(file, "cannot create: " + e.getMessage(), e);
    }
    return new CheckpointFileWriter(file, manifest.getRunId(), writer);
  }

  /** Appends one checkpoint; it must belong to the manifest's run. */
  public void append(Checkpoint checkpoint) throws IOException {
    if (!runId.equals(checkpoint.getRunId())) {
      throw new IllegalArgumentException("Checkpoint of run '" + checkpoint.getRunId()
          + "' cannot go into " + file + ", the file of run '" + runId + "'");
    }
    try {
      writer.append(checkpoint);
    } catch (IOException | RuntimeException e) {
      throw new CheckpointFileException(file, "cannot append step " + checkpoint.getStep()
          + ": " + e.getMessage(), e);
    }
    count++;
  }

  /** Writes buffered checkpoints through to the file. */
  public void flush() throws IOException {
    writer.flush();
  }

  /** Checkpoints appended so far. */
  public long count() {
    return count;
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }

  private static byte[] encode(RunManifest manifest) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new SpecificDatumWriter<>(RunManifest.class).write(manifest, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
