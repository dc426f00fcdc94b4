package io.gmnstream.launcher.train;

import io.gmnstream.launcher.BadInputException;
import io.gmnstream.operator.learn.SplitRecord;
import io.gmnstream.operator.score.ModelEnsemble;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Where {@code train --out DIR [--member NAME]} saves: DIR itself, or the member folder DIR/members/NAME
 * (and DIR/ood/members/NAME) of the ensemble in DIR. Checked before training, so that hours of training do
 * not end in a model that cannot join: a member must have trained on exactly the runs of DIR's model
 * (else the ensemble's held-out runs would not be held out for every member), and DIR's own model is not
 * replaced under members trained for the old one.
 */
record EnsembleTarget(Path modelDir, String member) {
  private static final Pattern MEMBER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  static EnsembleTarget of(Path modelDir, String member) {
    if (member != null && !MEMBER_NAME.matcher(member).matches()) {
      throw new BadInputException("--member '" + member + "': use 1 to 64 letters, digits, '.', '_' or '-', starting "
          + "with a letter or digit");
    }
    return new EnsembleTarget(modelDir, member);
  }

  Path byRunDir() {
    return member == null ? modelDir : modelDir.resolve(ModelEnsemble.MEMBERS_DIR).resolve(member);
  }

  Path oodDir() {
    Path ood = modelDir.resolve(TrainCommand.OOD_DIR);
    return member == null ? ood : ood.resolve(ModelEnsemble.MEMBERS_DIR).resolve(member);
  }

  /**
   * @param oodTrainRuns the OOD model's training runs, or null without --ood
   * @throws BadInputException when the model cannot be saved there
   */
  void check(Set<String> byRunTrainRuns, Set<String> oodTrainRuns) throws IOException {
    if (member == null) {
      if (Files.isDirectory(modelDir.resolve(ModelEnsemble.MEMBERS_DIR))) {
        throw new BadInputException(modelDir + " holds an ensemble (" + modelDir.resolve(ModelEnsemble.MEMBERS_DIR)
            + "): its members were trained for the model there; train into a new folder, add a member with "
            + "--member NAME, or delete the members first");
      }
      return;
    }
    sameRuns(modelDir, byRunTrainRuns);
    if (oodTrainRuns != null) {
      sameRuns(modelDir.resolve(TrainCommand.OOD_DIR), oodTrainRuns);
    }
  }

  private void sameRuns(Path dir, Set<String> trainRuns) throws IOException {
    if (!Files.isRegularFile(dir.resolve(SplitRecord.TRAIN_RUNS_FILE))) {
      throw new BadInputException("--member " + member + ": " + dir + " is not a trained model folder (no "
          + SplitRecord.TRAIN_RUNS_FILE + "); train the ensemble's first model there without --member");
    }
    SortedSet<String> expected = SplitRecord.readTrainRuns(dir);
    if (!expected.equals(new TreeSet<>(trainRuns))) {
      throw new BadInputException("--member " + member + ": this split's " + trainRuns.size() + " training runs are not the "
          + expected.size() + " runs that the model in " + dir + " trained on; use the zoo, --test-fraction and --seed "
          + "it was trained with");
    }
  }
}
