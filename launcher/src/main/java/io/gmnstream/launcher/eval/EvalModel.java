package io.gmnstream.launcher.eval;

import io.gmnstream.launcher.BadInputException;
import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.operator.gmn.UnsupportedModelVersionException;
import io.gmnstream.operator.learn.GmnFitter;
import io.gmnstream.operator.learn.GmnFitter.NonFinite;
import io.gmnstream.operator.learn.SplitRecord;
import io.gmnstream.operator.score.ModelVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A saved model folder opened for evaluation: the model, its version as {@code gmn-stream score} reports it
 * ({@link ModelVersion}), its training runs and what its metadata says about the split.
 */
record EvalModel(Path dir, String version, String splitName, String description, String zooHash, NonFinite policy,
    Set<String> trainRuns, GmnModel model) implements AutoCloseable {

  /**
   * @param defaultSplitName the split's name when the metadata does not record one
   * @throws BadInputException when the folder's format version is unknown or its metadata is unusable
   * @throws IOException when a file is missing (no train-runs.txt included) or unreadable
   */
  static EvalModel open(Path dir, String defaultSplitName) throws IOException {
    GmnModel model;
    try {
      model = GmnModel.load(dir);
    } catch (UnsupportedModelVersionException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    String version;
    Set<String> trainRuns;
    try {
      version = ModelVersion.of(dir, model.metadata());
      // Without its training runs a model cannot prove that a test run was not seen in training.
      trainRuns = SplitRecord.readTrainRuns(dir);
    } catch (IOException e) {
      model.close();
      throw e;
    }
    Map<String, String> meta = model.metadata();
    String splitName = meta.getOrDefault(SplitRecord.PREFIX + "kind", defaultSplitName);
    String description = meta.getOrDefault(SplitRecord.PREFIX + "description", splitName);
    NonFinite policy;
    try {
      policy = NonFinite.valueOf(meta.getOrDefault(GmnFitter.NON_FINITE, NonFinite.ZERO.name()));
    } catch (IllegalArgumentException e) {
      model.close();
      throw new BadInputException("model " + dir + ": unknown " + GmnFitter.NON_FINITE + " '"
          + meta.get(GmnFitter.NON_FINITE) + "'", e);
    }
    return new EvalModel(dir, version, splitName, description, meta.getOrDefault("zoo.hash", ""), policy, trainRuns, model);
  }

  @Override
  public void close() {
    model.close();
  }
}
