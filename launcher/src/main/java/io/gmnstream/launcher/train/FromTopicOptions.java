package io.gmnstream.launcher.train;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of {@code train --from-topic}; picocli checks the required ones once any is given. */
public final class FromTopicOptions {
  @Option(names = "--from-topic", required = true,
      description = "learn from run outcomes on gmn.run-outcomes joined with gmn.graphs")
  boolean fromTopic;

  @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (or --config)")
  String bootstrap;

  @Option(names = "--registry", paramLabel = "URL", description = "schema registry URL (or --config)")
  String registry;

  @Option(names = "--config", paramLabel = "FILE",
      description = "a run config file (deploy/config/operator.yaml): its kafka and registry sections, security included")
  Path config;

  @Option(names = "--model-dir", paramLabel = "DIR", required = true,
      description = "the served model: compared with, and replaced atomically when the candidate is better")
  Path modelDir;

  @Option(names = "--min-outcomes", defaultValue = "20",
      description = "fewest outcome examples worth a round (default: ${DEFAULT-VALUE})")
  int minOutcomes;

  @Option(names = "--every", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "retrain on a schedule (e.g. 30s, 10m, 1h) until stopped; default: one round (--once)")
  Duration every;

  @Option(names = "--once", description = "one round, then exit (the default)")
  boolean once;
}
