package io.gmnstream.schemas.checkpoint;

/**
 * The gmn-stream checkpoint file: an Avro object container file (.avro) of {@code Checkpoint}
 * records of one run, with that run's {@code RunManifest} in the container metadata. Any Avro tool
 * can read the records; the manifest keeps the file self-describing (architecture included).
 */
public final class CheckpointFileFormat {

  /** Metadata key: the run manifest, Avro binary, written with {@link #MANIFEST_SCHEMA_KEY}. */
  public static final String MANIFEST_KEY = "gmn.run-manifest";
  /** Metadata key: the writer schema of the manifest (JSON), so old files stay readable. */
  public static final String MANIFEST_SCHEMA_KEY = "gmn.run-manifest.schema";
  /** Metadata key: version of this layout; readers refuse versions they do not know. */
  public static final String VERSION_KEY = "gmn.checkpoint-file.version";
  public static final String VERSION = "1";
  /** Conventional file name suffix. */
  public static final String SUFFIX = ".avro";

  private CheckpointFileFormat() {}
}
