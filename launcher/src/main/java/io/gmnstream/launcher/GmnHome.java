package io.gmnstream.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project directory the launcher runs from (bin/gmn-stream sets -Dgmn.home). */
public final class GmnHome {
  private GmnHome() {}

  public static Path resolve() {
    String home = System.getProperty("gmn.home");
    Path path = Path.of(home == null ? "." : home).toAbsolutePath().normalize();
    if (!Files.isDirectory(path)) {
      throw new BadInputException("gmn.home is not a directory: " + path);
    }
    return path;
  }

  /** The GMN model every command uses unless given {@code --model}: the shipped {@code models/digits-gmn}. */
  public static Path defaultModel() {
    return resolve().resolve(Path.of("models", "digits-gmn"));
  }

  public static Path examples() {
    return resolve().resolve("examples");
  }
}
