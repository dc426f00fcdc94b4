package io.gmnstream.launcher.train;

import io.gmnstream.launcher.BadInputException;
import io.gmnstream.launcher.GmnHome;
import io.gmnstream.operator.dataset.ZooCheckpoints;
import io.gmnstream.operator.djl.DjlRuntime;
import io.gmnstream.operator.djl.DjlSettings;
import io.gmnstream.operator.outcomes.OutcomeReplay;
import io.gmnstream.operator.outcomes.OutcomeTrainer;
import io.gmnstream.paramgraph.GraphLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code train --replay-outcomes 25,50,...}: the table of docs/RESULTS.md "Learning from outcomes". */
final class ReplayOutcomes {
  private final Path zoo;
  private final Path modelDir;
  private final Path startModel;
  private final List<Integer> amounts;
  private final OutcomeTrainer.Config config;
  private final PrintWriter out;

  ReplayOutcomes(Path zoo, Path modelDir, Path startModel, List<Integer> amounts, OutcomeTrainer.Config config,
      PrintWriter out) {
    this.zoo = zoo;
    this.modelDir = modelDir;
    this.startModel = startModel;
    this.config = config;
    this.out = out;
    for (int i = 0; i < amounts.size(); i++) {
      if (amounts.get(i) < 2 || (i > 0 && amounts.get(i) <= amounts.get(i - 1))) {
        throw new BadInputException("--replay-outcomes needs growing amounts of at least 2, was " + amounts);
      }
    }
    this.amounts = List.copyOf(amounts);
  }

  int run() throws IOException {
    out.println("gmn-stream train --replay-outcomes: " + DjlRuntime.start(DjlSettings.fromEnvironment(GmnHome.resolve())).describe());
    if (!Files.isDirectory(zoo)) {
      throw new BadInputException("no zoo folder at " + zoo + " (make one with bin/gmn-stream zoo)");
    }
    if (startModel != null && !Files.isDirectory(startModel)) {
      throw new BadInputException("no model folder at " + startModel);
    }
    ZooCheckpoints.Zoo loaded = ZooCheckpoints.loadZoo(zoo, GraphLimits.defaults());
    out.printf(Locale.ROOT, "  zoo %s: %d runs; %s%n%n%s%n", zoo, loaded.runFiles(), config.heldOut().description(),
        OutcomeReplay.HEADER);
    out.flush();
    OutcomeReplay.run(loaded.checkpoints(), amounts, config, modelDir, startModel, row -> { out.println(row); out.flush(); });
    return 0;
  }
}
