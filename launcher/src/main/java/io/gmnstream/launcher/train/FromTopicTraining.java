package io.gmnstream.launcher.train;

import io.gmnstream.launcher.BadInputException;
import io.gmnstream.launcher.GmnHome;
import io.gmnstream.launcher.run.ClusterConnection;
import io.gmnstream.operator.dataset.ZooCheckpoints;
import io.gmnstream.operator.djl.DjlRuntime;
import io.gmnstream.operator.djl.DjlSettings;
import io.gmnstream.operator.outcomes.OutcomeJoiner;
import io.gmnstream.operator.outcomes.OutcomeReader;
import io.gmnstream.operator.outcomes.OutcomeTrainer;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import io.gmnstream.schemas.registry.RegistryErrorCode;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code train --from-topic}: reads the outcome history, runs an {@link OutcomeTrainer} round and
 * prints the comparison; once, or every interval until the process is stopped. Exits 0 whether or not
 * the candidate was published; bad input (missing topic, unreachable registry or broker, bad zoo)
 * exits 2 with a message.
 */
final class FromTopicTraining {
  /** Outcomes waiting for their graphs within one read; more are dropped, oldest first. */
  static final int MAX_WAITING_OUTCOMES = 10_000;

  private final FromTopicOptions options;
  private final Path zoo;
  private final OutcomeTrainer.Config config;
  private final ClusterConnection cluster;
  private final PrintWriter out;

  FromTopicTraining(FromTopicOptions options, Path zoo, OutcomeTrainer.Config config, PrintWriter out) {
    this.options = options;
    this.zoo = zoo;
    this.config = config;
    this.out = out;
    if (options.every != null && options.once) {
      throw new BadInputException("give --every or --once, not both");
    }
    this.cluster = cluster(options);
  }

  private static ClusterConnection cluster(FromTopicOptions options) {
    if (options.config != null) {
      if (options.bootstrap != null || options.registry != null) {
        throw new BadInputException("give --config or --bootstrap with --registry, not both");
      }
      return ClusterConnection.fromFile(options.config);
    }
    if (options.bootstrap == null || options.registry == null) {
      throw new BadInputException("--from-topic needs --bootstrap and --registry, or --config FILE");
    }
    try {
      return new ClusterConnection(options.bootstrap, Map.of(), RegistryClientConfig.of(URI.create(options.registry)));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("bad --registry URL '" + options.registry + "': " + e.getMessage(), e);
    }
  }

  int run() throws IOException {
    out.println("gmn-stream train --from-topic: " + DjlRuntime.start(DjlSettings.fromEnvironment(GmnHome.resolve())).describe());
    OutcomeTrainer.BaseExamples base = loadBase();
    OutcomeTrainer trainer = new OutcomeTrainer(config).withLog(line -> { out.println("    " + line); out.flush(); });
    try (SchemaRegistryClient registry = SchemaRegistryClient.connect(cluster.registry())) {
      probe(registry);
      OutcomeReader reader = new OutcomeReader(OutcomeReader.Config.defaults(cluster.bootstrapServers())
          .withExtraProperties(cluster.kafkaProperties()), registry);
      while (true) {
        oneRound(reader, trainer, base);
        if (options.every == null) {
          return 0;
        }
        out.printf(Locale.ROOT, "next round in %s (Ctrl-C to stop)%n", options.every);
        out.flush();
        try {
          Thread.sleep(options.every.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return 0;
        }
      }
    }
  }

  private void oneRound(OutcomeReader reader, OutcomeTrainer trainer, OutcomeTrainer.BaseExamples base)
      throws IOException {
    OutcomeJoiner joiner = new OutcomeJoiner(MAX_WAITING_OUTCOMES);
    OutcomeReader.ReadStats stats;
    try {
      stats = reader.readInto(joiner);
    } catch (OutcomeReader.MissingTopicException e) {
      throw new BadInputException(e.getMessage() + " (create the gmn-stream topics first)", e);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new BadInputException("cannot reach Kafka at " + cluster.bootstrapServers() + ": " + e.getMessage(), e);
    }
    OutcomeJoiner.Result joined = joiner.result();
    out.printf(Locale.ROOT, "read %d graph records (kept %d) and %d outcome records%n", stats.graphRecords(),
        stats.graphsKept(), stats.outcomeRecords());
    out.println(joined.summary());
    out.flush();
    OutcomeTrainer.Round round = trainer.round(joined.examples(), base, options.modelDir);
    out.print(round.summary());
    out.println(round.published() ? "published to " + options.modelDir : "model dir " + options.modelDir + " unchanged");
    out.flush();
  }

  private OutcomeTrainer.BaseExamples loadBase() throws IOException {
    if (zoo == null) {
      return OutcomeTrainer.BaseExamples.none();
    }
    if (!Files.isDirectory(zoo)) {
      throw new BadInputException("no zoo folder at " + zoo);
    }
    ZooCheckpoints.Zoo loaded = ZooCheckpoints.loadZoo(zoo, GraphLimits.defaults());
    out.printf(Locale.ROOT, "  base zoo %s: %d runs, %d checkpoints%n", zoo, loaded.runFiles(), loaded.checkpoints().size());
    return new OutcomeTrainer.BaseExamples(loaded.checkpoints(), loaded.hash());
  }

  private String registryUrls() {
    return cluster.registry().urls().stream().map(URI::toString).collect(Collectors.joining(", "));
  }

  /** Fails fast with a clear message when the registry cannot be reached (a subject not found is fine). */
  private void probe(SchemaRegistryClient registry) {
    try {
      registry.latest(Topics.RUN_OUTCOMES.valueSubject());
    } catch (SchemaRegistryException e) {
      if (e.code() != RegistryErrorCode.SUBJECT_NOT_FOUND) {
        throw new BadInputException("schema registry at " + registryUrls() + " cannot be used: " + e.getMessage(), e);
      }
    }
  }
}
