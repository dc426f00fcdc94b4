package io.gmnstream.launcher.run;

import io.gmnstream.launcher.GmnHome;
import io.gmnstream.launcher.OneLineErrorHandler;
import io.gmnstream.operator.service.ScoringService;
import io.gmnstream.operator.service.ScoringServiceConfig;
import io.gmnstream.streamjobs.builder.GraphBuilderConfig;
import io.gmnstream.streamjobs.builder.GraphBuilderJob;
import io.gmnstream.streamjobs.monitor.service.MonitorService;
import io.gmnstream.streamjobs.monitor.service.MonitorServiceConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gmn-stream run graph-builder|operator|monitor --config FILE}: the production entry points,
 * against external Kafka, schema registry and Flink named in a YAML file (deploy/config/ has
 * examples). The config is read and validated in full before anything connects.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Runs one gmn-stream service against external Kafka, registry and Flink.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:stopped cleanly", "1:the service failed (monitor: became unhealthy)",
        "2:bad config (the message names the key)"})
public final class RunCommand implements Callable<Integer> {
  /** How often {@code run monitor} asks its service whether it is healthy. */
  static final Duration HEALTH_POLL = Duration.ofSeconds(2);

  /** The services {@code run} starts. */
  public enum Service {
    GRAPH_BUILDER("graph-builder"), OPERATOR("operator"), MONITOR("monitor");

    private final String wireName;

    Service(String wireName) {
      this.wireName = wireName;
    }

    @Override
    public String toString() {
      return wireName;
    }
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SERVICE", converter = ServiceConverter.class,
      description = "graph-builder (the Flink job), operator (the GMN scoring service) or monitor (the run "
          + "monitor, its dashboard and alert hooks)")
  Service service;

  @Option(names = "--config", paramLabel = "FILE", required = true, description = "the service's YAML config")
  Path configFile;

  @Option(names = "--check", description = "validate the config, print it, and exit without starting anything")
  boolean check;

  @Option(names = "--detach", description = "graph-builder: return once the job is submitted instead of waiting for it")
  boolean detach;

  /** Where {@code ${NAME}} in the config file is looked up. */
  private final Map<String, String> environment;

  public RunCommand() {
    this(System.getenv());
  }

  RunCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws Exception {
    ServiceConfigFile file = ConfigFileReader.read(configFile, environment);
    PrintWriter out = spec.commandLine().getOut();
    return switch (service) {
      case GRAPH_BUILDER -> runGraphBuilder(file, out);
      case OPERATOR -> runOperator(file, out);
      case MONITOR -> runMonitor(file, out);
    };
  }

  private int runGraphBuilder(ServiceConfigFile file, PrintWriter out) throws Exception {
    GraphBuilderConfig config = ServiceConfigs.graphBuilder(file);
    FlinkTarget target = FlinkTarget.from(file.graphBuilder());
    out.println("graph-builder: " + config);
    out.println("  submitting to " + target.describe());
    out.flush();
    if (check) {
      return 0;
    }
    JobClient job = GraphBuilderJob.start(target.environment(), config);
    out.println("  job " + job.getJobID() + " submitted");
    out.flush();
    if (!detach) {
      job.getJobExecutionResult().get();
    }
    return 0;
  }

  private int runOperator(ServiceConfigFile file, PrintWriter out) throws Exception {
    ScoringServiceConfig config = ServiceConfigs.operator(file, GmnHome.resolve());
    out.println("operator: " + config);
    out.flush();
    if (check) {
      return 0;
    }
    ScoringService service = ScoringService.start(config);
    HealthWatch watch = new HealthWatch("the scoring loop", service, service::isRunning,
        () -> "last error: " + service.stats().lastError().orElse("none recorded"), HEALTH_POLL);
    stopOnShutdown(watch, "the operator");
    out.println("  scoring on " + service.device() + service.httpPort().stream()
        .mapToObj(p -> ", /healthz and /metrics on port " + p).findFirst().orElse(""));
    out.flush();
    watch.awaitStop();
    return 0;
  }

  /** On SIGTERM or Ctrl-C, closes the service cleanly before the JVM exits. */
  private void stopOnShutdown(HealthWatch watch, String what) {
    PrintWriter err = spec.commandLine().getErr();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        watch.stop();
      } catch (Exception e) {
        // The JVM is exiting: stderr is the only place left to say so.
        err.println("gmn-stream run: could not stop " + what + " cleanly: " + OneLineErrorHandler.describe(e));
        err.flush();
      }
    }, "gmn-run-shutdown"));
  }

  private int runMonitor(ServiceConfigFile file, PrintWriter out) throws Exception {
    MonitorServiceConfig config = MonitorConfigs.from(file);
    out.println("monitor: " + config.monitor());
    out.println("  dashboard: " + config.dashboard());
    out.println("  advertisedHost=" + config.advertisedHost() + ", peerTimeout=" + config.peerTimeout());
    out.println("  hooks: " + config.hooks().map(String::valueOf).orElse("none"));
    out.flush();
    if (check) {
      return 0;
    }
    MonitorService service = MonitorService.start(config);
    HealthWatch watch = new HealthWatch("the run monitor", service, service::isHealthy,
        () -> healthDetails(service), HEALTH_POLL);
    stopOnShutdown(watch, "the run monitor");
    out.println("  dashboard at " + service.dashboardUrl());
    out.flush();
    watch.awaitStop();
    return 0;
  }

  /** The state of the monitor's parts, as its /healthz reports them. */
  static String healthDetails(MonitorService service) {
    return service.health().details().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /** Accepts the services' wire names (graph-builder, operator, monitor). */
  static final class ServiceConverter implements picocli.CommandLine.ITypeConverter<Service> {
    @Override
    public Service convert(String value) {
      for (Service s : Service.values()) {
        if (s.wireName.equals(value)) {
          return s;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "'" + value + "' is not a service; use graph-builder, operator or monitor");
    }
  }
}
