package io.gmnstream.schemas.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/** A checkpoint file cannot be written or read; the message names the file. */
public final class CheckpointFileException extends IOException {

  private final Path file;

  public CheckpointFileException(Path file, String problem, Throwable cause) {
    super("Checkpoint file " + file + ": " + problem, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
