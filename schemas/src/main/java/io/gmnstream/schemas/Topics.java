package io.gmnstream.schemas;

import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.DeadLetter;
import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.ParamGraph;
import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.schemas.avro.RunManifest;
import io.gmnstream.schemas.avro.RunOutcome;
import java.util.List;
import java.util.Optional;

/** Every gmn-stream topic, its value type and its registry subject: the one place names live. */
public final class Topics {

  /** Run manifests (architecture, task, hyperparameters); compacted, one live value per run. */
  public static final Topic<RunManifest> RUNS = new Topic<>("gmn.runs", RunManifest.class, true);

  /** Checkpoints published by training jobs while they train. */
  public static final Topic<Checkpoint> CHECKPOINTS =
      new Topic<>("gmn.checkpoints", Checkpoint.class, false);

  /** Parameter graphs built from checkpoints by the graph-builder job. */
  public static final Topic<ParamGraph> GRAPHS = new Topic<>("gmn.graphs", ParamGraph.class, false);

  /** GMN scores, one per graph. */
  public static final Topic<GmnScore> SCORES = new Topic<>("gmn.scores", GmnScore.class, false);

  /** Alerts raised and resolved by the run monitor. */
  public static final Topic<RunAlert> ALERTS = new Topic<>("gmn.alerts", RunAlert.class, false);

  /** Final outcomes reported by training jobs (labels for the trainer). */
  public static final Topic<RunOutcome> RUN_OUTCOMES =
      new Topic<>("gmn.run-outcomes", RunOutcome.class, false);

  /** Records that could not be used, with their original bytes and a reason. */
  public static final Topic<DeadLetter> DEAD_LETTERS =
      new Topic<>("gmn.dead-letters", DeadLetter.class, false);

  /** All topics, in pipeline order. */
  public static final List<Topic<?>> ALL =
      List.of(RUNS, CHECKPOINTS, GRAPHS, SCORES, ALERTS, RUN_OUTCOMES, DEAD_LETTERS);

  private Topics() {}

  /** The topic with this name, if it is one of ours. */
  public static Optional<Topic<?>> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
