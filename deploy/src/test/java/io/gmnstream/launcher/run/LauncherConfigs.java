package io.gmnstream.launcher.run;

import io.gmnstream.operator.service.ScoringServiceConfig;
import io.gmnstream.streamjobs.builder.GraphBuilderConfig;
import io.gmnstream.streamjobs.monitor.service.MonitorServiceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The launcher's own reading and validation of a run config (what {@code gmn-stream run SERVICE
 * --config FILE --check} does), for the deploy tests. It lives in the launcher's package because
 * those classes are package-private there: the manifests are checked by the code that will read
 * them, with the environment their pods set, not by a copy of its rules.
 */
public final class LauncherConfigs {
  private LauncherConfigs() {}

  public static GraphBuilderConfig graphBuilder(String yaml, Map<String, String> environment) {
    return ServiceConfigs.graphBuilder(read(yaml, environment));
  }

  /** The operator's config; {@code projectDir} is where DJL's cache would default to (unused when set). */
  public static ScoringServiceConfig operator(String yaml, Map<String, String> environment, Path projectDir) {
    return ServiceConfigs.operator(read(yaml, environment), projectDir);
  }

  public static MonitorServiceConfig monitor(String yaml, Map<String, String> environment) {
    return MonitorConfigs.from(read(yaml, environment));
  }

  /** Whether {@code mode} is the Flink target that uses the environment Flink provides (FlinkDeployment). */
  public static boolean flinkContextMode(String yaml, Map<String, String> environment) {
    return !FlinkTarget.from(read(yaml, environment).graphBuilder()).remote();
  }

  private static ServiceConfigFile read(String yaml, Map<String, String> environment) {
    try {
      Path file = Files.createTempFile("gmn-run-config", ".yaml");
      try {
        Files.writeString(file, yaml);
        return ConfigFileReader.read(file, environment);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
