package io.gmnstream.launcher.run;

import io.gmnstream.launcher.BadInputException;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where {@code run graph-builder} submits the job (config section graphBuilder.flink).
 *
 * @param remote false: the context environment, true: a remote job manager
 * @param host the job manager's REST host (remote only)
 * @param port its REST port (remote only)
 * @param jars jars holding the job's classes, shipped with a remote submission
 */
record FlinkTarget(boolean remote, String host, int port, List<String> jars) {

  static FlinkTarget from(ServiceConfigFile.GraphBuilder section) {
    ServiceConfigFile.Flink flink = section == null ? null : section.flink();
    if (flink == null || flink.mode() == null || flink.mode().equals("context")) {
      return new FlinkTarget(false, null, 0, List.of());
    }
    if (!flink.mode().equals("remote")) {
      throw new BadInputException("graphBuilder.flink.mode: '" + flink.mode() + "' is not one of context, remote");
    }
    String jobManager = flink.jobManager();
    int colon = jobManager == null ? -1 : jobManager.lastIndexOf(':');
    if (colon <= 0) {
      throw new BadInputException("graphBuilder.flink.jobManager: remote mode needs host:port of the job manager's"
          + " REST endpoint, got " + jobManager);
    }
    int port;
    try {
      port = Integer.parseInt(jobManager.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new BadInputException("graphBuilder.flink.jobManager: port of '" + jobManager + "' is not a number", e);
    }
    List<String> jars = flink.jars() == null ? List.of() : flink.jars();
    if (jars.isEmpty()) {
      throw new BadInputException("graphBuilder.flink.jars: remote mode needs the jar(s) with the job's classes");
    }
    return new FlinkTarget(true, jobManager.substring(0, colon), port, jars);
  }

  /**
   * The environment to define the job in. In context mode that is whatever Flink provides: the
   * cluster when started by {@code flink run} or a FlinkDeployment, a local mini-cluster in a plain JVM.
   */
  StreamExecutionEnvironment environment() {
    return remote
        ? StreamExecutionEnvironment.createRemoteEnvironment(host, port, jars.toArray(String[]::new))
        : StreamExecutionEnvironment.getExecutionEnvironment();
  }

  String describe() {
    return remote ? "Flink job manager " + host + ":" + port : "the Flink context environment";
  }
}
