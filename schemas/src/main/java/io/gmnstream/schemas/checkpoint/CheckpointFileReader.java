package io.gmnstream.schemas.checkpoint;

import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.RunManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Reads a checkpoint file ({@link CheckpointFileFormat}). The manifest is read and validated when
 * the file is opened; checkpoints are streamed, one pass, resolved to the current schema (files
 * written with older schemas stay readable). Not thread-safe.
 */
public final class CheckpointFileReader implements AutoCloseable, Iterable<Checkpoint> {

  private final Path file;
  private final DataFileReader<Checkpoint> reader;
  private final RunManifest manifest;
  private boolean iterated;

  private CheckpointFileReader(Path file, DataFileReader<Checkpoint> reader,
      RunManifest manifest) {
    this.file = file;
    this.reader = reader;
    this.manifest = manifest;
  }

  /**
   * Opens a checkpoint file.
   *
   * @throws CheckpointFileException if the file is missing, not an Avro container, of an unknown
   *     layout version, or its manifest is missing or corrupt
   */
  public static CheckpointFileReader open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new CheckpointFileException(file, "no such file", null);
    }
    DataFileReader<Checkpoint> reader;
    try {
      reader = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(Checkpoint.class));
    } catch (IOException | AvroRuntimeException e) {
      throw new CheckpointFileException(file, "not an Avro object container file ("
          + e.getMessage() + "); write it with CheckpointFileWriter", e);
    }
    try {
      checkVersion(file, reader);
      checkRecordType(file, reader.getSchema());
      return new CheckpointFileReader(file, reader, readManifest(file, reader));
    } catch (IOException | RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  /** The run's manifest from the file header. */
  public RunManifest manifest() {
    return manifest;
  }

  public Path file() {
    return file;
  }

  /**
   * The checkpoints in file order. One pass only; a corrupt block surfaces as an
   * {@link UncheckedIOException} wrapping a {@link CheckpointFileException}.
   */
  @Override
  public Iterator<Checkpoint> iterator() {
    if (iterated) {
      throw new IllegalStateException("Checkpoint file " + file + " is read in one pass; "
          + "open it again to re-read");
    }
    iterated = true;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        try {
          return reader.hasNext();
        } catch (AvroRuntimeException e) {
          throw corrupt(e);
        }
      }

      @Override
      public Checkpoint next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        try {
          return reader.next();
        } catch (AvroRuntimeException e) {
          throw corrupt(e);
        }
      }
    };
  }

  /** Reads every remaining checkpoint into memory. */
  public List<Checkpoint> readAll() throws IOException {
    List<Checkpoint> all = new ArrayList<>();
    try {
      iterator().forEachRemaining(all::add);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return all;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  private UncheckedIOException corrupt(AvroRuntimeException e) {
    return new UncheckedIOException(new CheckpointFileException(file,
        "corrupt checkpoint block: " + e.getMessage(), e));
  }

  private static void checkVersion(Path file, DataFileReader<Checkpoint> reader)
      throws CheckpointFileException {
    String version = reader.getMetaString(CheckpointFileFormat.VERSION_KEY);
    if (version == null) {
      throw new CheckpointFileException(file, "an Avro file but not a checkpoint file (no '"
          + CheckpointFileFormat.VERSION_KEY + "' metadata); write it with CheckpointFileWriter",
          null);
    }
    if (!CheckpointFileFormat.VERSION.equals(version)) {
      throw new CheckpointFileException(file, "layout version " + version + " is not supported "
          + "(this reader knows " + CheckpointFileFormat.VERSION + "); upgrade gmn-schemas", null);
    }
  }

  private static void checkRecordType(Path file, Schema writer) throws CheckpointFileException {
    if (!Checkpoint.getClassSchema().getFullName().equals(writer.getFullName())) {
      throw new CheckpointFileException(file, "holds " + writer.getFullName()
          + " records, not " + Checkpoint.getClassSchema().getFullName(), null);
    }
  }

  private static RunManifest readManifest(Path file, DataFileReader<Checkpoint> reader)
      throws CheckpointFileException {
    byte[] bytes = reader.getMeta(CheckpointFileFormat.MANIFEST_KEY);
    if (bytes == null) {
      throw new CheckpointFileException(file, "the run manifest is missing (no '"
          + CheckpointFileFormat.MANIFEST_KEY + "' metadata)", null);
    }
    String schemaJson = reader.getMetaString(CheckpointFileFormat.MANIFEST_SCHEMA_KEY);
    try {
      Schema writerSchema = schemaJson == null ? RunManifest.getClassSchema()
          : new Schema.Parser().parse(schemaJson);
      var decoder = DecoderFactory.get().binaryDecoder(bytes, null);
      RunManifest manifest = new SpecificDatumReader<RunManifest>(writerSchema,
          RunManifest.getClassSchema()).read(null, decoder);
      if (!decoder.isEnd()) {
        throw new IOException("bytes left over after the manifest");
      }
      return manifest;
    } catch (IOException | AvroRuntimeException
        | IndexOutOfBoundsException | NegativeArraySizeException e) {
      throw new CheckpointFileException(file, "the run manifest in '"
          + CheckpointFileFormat.MANIFEST_KEY + "' is corrupt: " + e, e);
    }
  }
}
