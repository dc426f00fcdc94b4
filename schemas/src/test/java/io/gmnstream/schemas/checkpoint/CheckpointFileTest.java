package io.gmnstream.schemas.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.schemas.TestRecords;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.RunManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {

  @TempDir Path dir;

  @Test
  void shouldRoundTripManifestAndCheckpointsInOrder() throws IOException {
    Path file = dir.resolve("run-42.avro");
    List<Checkpoint> written = List.of(TestRecords.inlineCheckpoint(100),
        TestRecords.referenceCheckpoint(200), TestRecords.inlineCheckpoint(300));
    try (CheckpointFileWriter writer = CheckpointFileWriter.create(file, TestRecords.onnxManifest())) {
      for (Checkpoint checkpoint : written) {
        writer.append(checkpoint);
      }
      assertThat(writer.count()).isEqualTo(3);
    }

    try (CheckpointFileReader reader = CheckpointFileReader.open(file)) {
      assertThat(reader.manifest()).isEqualTo(TestRecords.onnxManifest());
      List<Checkpoint> read = new ArrayList<>();
      reader.forEach(read::add);
      assertThat(read).containsExactlyElementsOf(written);
    }
  }

  @Test
  void shouldReadAFileWithoutCheckpoints() throws IOException {
    Path file = dir.resolve("empty.avro");
    CheckpointFileWriter.create(file, TestRecords.manifest()).close();

    try (CheckpointFileReader reader = CheckpointFileReader.open(file)) {
      assertThat(reader.manifest()).isEqualTo(TestRecords.manifest());
      assertThat(reader.readAll()).isEmpty();
    }
  }

  @Test
  void shouldRoundTripWithACompressionCodec() throws IOException {
    Path file = dir.resolve("deflated.avro");
    try (var writer = CheckpointFileWriter.create(file, TestRecords.manifest(),
        CodecFactory.deflateCodec(6))) {
      writer.append(TestRecords.inlineCheckpoint(1));
    }

    try (CheckpointFileReader reader = CheckpointFileReader.open(file)) {
      assertThat(reader.readAll()).containsExactly(TestRecords.inlineCheckpoint(1));
    }
  }

  @Test
  void shouldRefuseACheckpointOfAnotherRun() throws IOException {
    Path file = dir.resolve("run-42.avro");
    Checkpoint foreign = TestRecords.inlineCheckpoint(1);
    foreign.setRunId("run-7");

    try (CheckpointFileWriter writer = CheckpointFileWriter.create(file, TestRecords.manifest())) {
      assertThatThrownBy(() -> writer.append(foreign))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("run-7").hasMessageContaining("run-42")
          .hasMessageContaining(file.toString());
    }
  }

  @Test
  void shouldBeReadInOnePass() throws IOException {
    Path file = dir.resolve("once.avro");
    CheckpointFileWriter.create(file, TestRecords.manifest()).close();

    try (CheckpointFileReader reader = CheckpointFileReader.open(file)) {
      reader.iterator();
      assertThatThrownBy(reader::iterator).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("one pass");
    }
  }

  @Test
  void shouldNameAMissingFile() {
    Path file = dir.resolve("missing.avro");

    assertThatThrownBy(() -> CheckpointFileReader.open(file))
        .isInstanceOfSatisfying(CheckpointFileException.class,
            e -> assertThat(e.file()).isEqualTo(file))
        .hasMessageContaining(file.toString()).hasMessageContaining("no such file");
  }

  @Test
  void shouldNameAFileThatIsNotAnAvroContainer() throws IOException {
    Path file = Files.write(dir.resolve("weights.safetensors"), new byte[] {8, 0, 0, 0, '{', '}'});

    assertThatThrownBy(() -> CheckpointFileReader.open(file))
        .isInstanceOf(CheckpointFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not an Avro object container file");
  }

  @Test
  void shouldRejectAPlainAvroFileWithoutOurMetadata() throws IOException {
    Path file = writeContainer("plain.avro", writer -> { });

    assertThatThrownBy(() -> CheckpointFileReader.open(file))
        .isInstanceOf(CheckpointFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(CheckpointFileFormat.VERSION_KEY);
  }

  @Test
  void shouldRefuseAnUnknownLayoutVersion() throws IOException {
    Path file = writeContainer("future.avro",
        writer -> writer.setMeta(CheckpointFileFormat.VERSION_KEY, "2"));

    assertThatThrownBy(() -> CheckpointFileReader.open(file))
        .isInstanceOf(CheckpointFileException.class)
        .hasMessageContaining("layout version 2");
  }

  @Test
  void shouldReportAMissingManifest() throws IOException {
    Path file = writeContainer("no-manifest.avro",
        writer -> writer.setMeta(CheckpointFileFormat.VERSION_KEY, CheckpointFileFormat.VERSION));

    assertThatThrownBy(() -> CheckpointFileReader.open(file))
        .isInstanceOf(CheckpointFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("manifest is missing");
  }

  @Test
  void shouldReportACorruptManifest() throws IOException {
    Path file = writeContainer("bad-manifest.avro", writer -> {
      writer.setMeta(CheckpointFileFormat.VERSION_KEY, CheckpointFileFormat.VERSION);
      writer.setMeta(CheckpointFileFormat.MANIFEST_KEY, new byte[] {12, 'r', 'u', 'n'});
    });

    assertThatThrownBy(() -> CheckpointFileReader.open(file))
        .isInstanceOf(CheckpointFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("manifest").hasMessageContaining("corrupt");
  }

  @Test
  void shouldReportACorruptCheckpointBlockNamingTheFile() throws IOException {
    Path file = dir.resolve("damaged.avro");
    try (var writer = CheckpointFileWriter.create(file, TestRecords.manifest())) {
      writer.append(TestRecords.inlineCheckpoint(1));
    }
    byte[] bytes = Files.readAllBytes(file);
    // The 16-byte sync marker ends the block: damage it so the block does not check out.
    bytes[bytes.length - 1] ^= 0x5a;
    Files.write(file, bytes);

    try (CheckpointFileReader reader = CheckpointFileReader.open(file)) {
      assertThatThrownBy(reader::readAll)
          .isInstanceOf(CheckpointFileException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("corrupt");
    }
  }

  @Test
  void shouldReportAFileOfAnotherRecordType() throws IOException {
    Path file = dir.resolve("manifests.avro");
    try (var writer = new DataFileWriter<>(new SpecificDatumWriter<>(RunManifest.class))) {
      writer.setMeta(CheckpointFileFormat.VERSION_KEY, CheckpointFileFormat.VERSION);
      writer.create(RunManifest.getClassSchema(), file.toFile());
    }

    assertThatThrownBy(() -> CheckpointFileReader.open(file))
        .isInstanceOf(CheckpointFileException.class)
        .hasMessageContaining("RunManifest records");
  }

  /** An Avro container of Checkpoint records whose metadata the test controls. */
  private Path writeContainer(String name, MetadataSetter metadata) throws IOException {
    Path file = dir.resolve(name);
    try (var writer = new DataFileWriter<>(new SpecificDatumWriter<>(Checkpoint.class))) {
      metadata.set(writer);
      writer.create(Checkpoint.getClassSchema(), file.toFile());
      writer.append(TestRecords.inlineCheckpoint(1));
    }
    return file;
  }

  @FunctionalInterface
  private interface MetadataSetter {
    void set(DataFileWriter<Checkpoint> writer) throws IOException;
  }
}
