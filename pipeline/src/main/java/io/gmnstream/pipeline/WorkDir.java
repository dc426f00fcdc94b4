package io.gmnstream.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary folder for one local pipeline (broker log, Flink files, blobs), removed on close. */
public final class WorkDir implements AutoCloseable {
  private final Path path;

  private WorkDir(Path path) {
    this.path = path;
  }

  public static WorkDir create(String prefix) throws IOException {
    return new WorkDir(Files.createTempDirectory(prefix));
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(path)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
