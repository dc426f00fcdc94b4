package io.gmnstream.launcher.eval;

import io.gmnstream.launcher.BadInputException;
import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.operator.gmn.UnsupportedModelVersionException;
import io.gmnstream.operator.learn.GmnFitter;
import io.gmnstream.operator.learn.GmnFitter.NonFinite;
import io.gmnstream.operator.learn.SplitRecord;
import io.gmnstream.operator.score.ModelEnsemble;
import io.gmnstream.operator.score.ModelVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A saved model folder opened for evaluation: the model (with its ensemble members, all trained on the
 * same runs), its version as {@code gmn-stream score} reports it
 * ({@link ModelVersion}), its training runs and what its metadata says about the split.
 */
record EvalModel(Path dir, String version, String splitName, String description, String zooHash, NonFinite policy,
    Set<String> trainRuns, ModelEnsemble ensemble, List<String> memberNames) implements AutoCloseable {

  /**
   * @param defaultSplitName the split's name when the metadata does not record one
   * @throws BadInputException when the folder's format version is unknown, its metadata is unusable, or a
   *         member trained on other runs than the folder's model
   * @throws IOException when a file is missing (no train-runs.txt included) or unreadable
   */
  static EvalModel open(Path dir, String defaultSplitName) throws IOException {
    ModelEnsemble ensemble;
    try {
      ensemble = ModelEnsemble.load(dir);
    } catch (UnsupportedModelVersionException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    GmnModel model = ensemble.models().get(0);
    String version;
    Set<String> trainRuns;
    // "main" for the folder's own model, then the members' folder names, in the ensemble's order.
    List<String> memberNames = new ArrayList<>(List.of("main"));
    try {
      List<Path> folders = ModelEnsemble.folders(dir);
      folders.subList(1, folders.size()).forEach(f -> memberNames.add(f.getFileName().toString()));
      version = ModelVersion.of(dir, model.metadata());
      // Without its training runs a model cannot prove that a test run was not seen in training.
      trainRuns = SplitRecord.readTrainRuns(dir);
      checkMembersTrainedOn(dir, trainRuns);
    } catch (IOException | RuntimeException e) {
      ensemble.close();
      throw e;
    }
    Map<String, String> meta = model.metadata();
    String splitName = meta.getOrDefault(SplitRecord.PREFIX + "kind", defaultSplitName);
    String description = meta.getOrDefault(SplitRecord.PREFIX + "description", splitName);
    NonFinite policy;
    try {
      policy = NonFinite.valueOf(meta.getOrDefault(GmnFitter.NON_FINITE, NonFinite.ZERO.name()));
    } catch (IllegalArgumentException e) {
      ensemble.close();
      throw new BadInputException("model " + dir + ": unknown " + GmnFitter.NON_FINITE + " '"
          + meta.get(GmnFitter.NON_FINITE) + "'", e);
    }
    return new EvalModel(dir, version, splitName, description, meta.getOrDefault("zoo.hash", ""), policy, trainRuns, ensemble,
        memberNames);
  }

  /** A member that saw other runs could have trained on the ensemble's held-out runs. */
  private static void checkMembersTrainedOn(Path dir, Set<String> trainRuns) throws IOException {
    List<Path> folders = ModelEnsemble.folders(dir);
    for (Path member : folders.subList(1, folders.size())) {
      if (!SplitRecord.readTrainRuns(member).equals(trainRuns)) {
        throw new BadInputException("ensemble member " + member + " trained on other runs than the model in " + dir
            + ": its held-out runs would not be held out for every member");
      }
    }
  }

  @Override
  public void close() {
    ensemble.close();
  }
}
