package io.gmnstream.launcher.run;

import io.gmnstream.launcher.GmnHome;
import io.gmnstream.operator.service.ScoringService;
import io.gmnstream.operator.service.ScoringServiceConfig;
import io.gmnstream.streamjobs.builder.GraphBuilderConfig;
import io.gmnstream.streamjobs.builder.GraphBuilderJob;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gmn-stream run graph-builder|operator --config FILE}: the production entry points, against
 * external Kafka, schema registry and Flink named in a YAML file (deploy/config/ has examples).
 * The config is read and validated in full before anything connects.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Runs one gmn-stream service against external Kafka, registry and Flink.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:stopped cleanly", "1:the service failed", "2:bad config (the message names the key)"})
public final class RunCommand implements Callable<Integer> {

  /** The services {@code run} starts. */
  public enum Service {
    GRAPH_BUILDER("graph-builder"), OPERATOR("operator");

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
      description = "graph-builder (the Flink job) or operator (the GMN scoring service)")
  Service service;

  @Option(names = "--config", paramLabel = "FILE", required = true, description = "the service's YAML config")
  Path configFile;

  @Option(names = "--check", description = "validate the config, print it, and exit without starting anything")
  boolean check;

  @Option(names = "--detach", description = "graph-builder: return once the job is submitted instead of waiting for it")
  boolean detach;

  @Override
  public Integer call() throws Exception {
    ServiceConfigFile file = ConfigFileReader.read(configFile);
    PrintWriter out = spec.commandLine().getOut();
    return service == Service.GRAPH_BUILDER ? runGraphBuilder(file, out) : runOperator(file, out);
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

  private int runOperator(ServiceConfigFile file, PrintWriter out) throws InterruptedException {
    ScoringServiceConfig config = ServiceConfigs.operator(file, GmnHome.resolve());
    out.println("operator: " + config);
    out.flush();
    if (check) {
      return 0;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    ScoringService service = ScoringService.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      stopped.countDown();
    }, "gmn-operator-shutdown"));
    out.println("  scoring on " + service.device() + service.httpPort().stream()
        .mapToObj(p -> ", /healthz and /metrics on port " + p).findFirst().orElse(""));
    out.flush();
    stopped.await();
    return 0;
  }

  /** Accepts the services' wire names (graph-builder, operator). */
  static final class ServiceConverter implements picocli.CommandLine.ITypeConverter<Service> {
    @Override
    public Service convert(String value) {
      for (Service s : Service.values()) {
        if (s.wireName.equals(value)) {
          return s;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "'" + value + "' is not a service; use graph-builder or operator");
    }
  }
}
