package io.gmnstream.launcher.demo;

import io.gmnstream.launcher.local.LocalStack;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.registry.RegisteredSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Kafka half of the demo: starts the local stack, publishes the examples as a training job would
 * (plus one record a misconfigured job might send), and shows each checkpoint becoming a graph or a
 * refusal with its dead-letter reason.
 */
final class KafkaDemo {
  static final String CORRUPT_RUN_ID = "example-misconfigured-job";

  private final PrintWriter out;

  KafkaDemo(PrintWriter out) {
    this.out = out;
  }

  /** Returns the number of good examples that did not become a graph (0 when all is well). */
  int run(List<DemoInput> examples) throws IOException, InterruptedException {
    out.println("Starting an in-process Kafka broker (KRaft) and schema registry...");
    out.flush();
    try (LocalStack stack = LocalStack.start(4)) {
      out.printf(Locale.ROOT, "  broker %s, registry %s%n", stack.broker().bootstrapServers(), stack.registryUrl());
      Instant now = Instant.now();
      List<ExampleRun> runs = new ArrayList<>();
      for (DemoInput example : examples) {
        runs.add(ExampleRun.of(example, now));
      }
      ExamplePublisher.publish(stack, runs);
      ExamplePublisher.publishRaw(stack, CORRUPT_RUN_ID,
          "{\"runId\": \"oops\", \"weights\": \"plain JSON, not Avro\"}".getBytes(StandardCharsets.UTF_8));
      out.printf(Locale.ROOT, "  published %d runs to %s and %d checkpoints + 1 corrupt record to %s%n%n",
          runs.size(), Topics.RUNS.name(), runs.size(), Topics.CHECKPOINTS.name());

      out.println(DemoTable.header("run", "record"));
      int failures = 0;
      for (GraphReplay.Outcome outcome : new GraphReplay(stack).replay()) {
        if (outcome.graph() != null) {
          out.println(DemoTable.row(outcome.runId(), outcome.source(), outcome.graph(), outcome.buildMillis()));
        } else {
          out.println(DemoTable.failedRow(outcome.runId(), outcome.source(), outcome.refusal()));
          failures += CORRUPT_RUN_ID.equals(outcome.runId()) ? 0 : 1;
        }
      }
      out.println();
      out.print("Schemas in the registry (Confluent REST API):");
      for (String subject : List.of(Topics.RUNS.valueSubject(), Topics.CHECKPOINTS.valueSubject())) {
        RegisteredSchema schema = stack.registryClient().latest(subject);
        out.printf(Locale.ROOT, "  %s id %d v%d", subject, schema.id(), schema.version());
      }
      out.println();
      return failures;
    }
  }
}
