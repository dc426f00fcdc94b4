package io.gmnstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

  @TempDir static Path temp;
  static Path zoo;
  static Path model;
  static CliRun train;

  /** One tiny zoo and one briefly trained model (with its OOD sibling) for every test here. */
  @BeforeAll
  static void trainATinyModel() {
    zoo = temp.resolve("zoo");
    CliRun made = CliRun.of("zoo", "--runs", "8", "--seed", "5", "--checkpoint-epochs", "1,2",
        "--max-batches-per-epoch", "3", "--out", zoo.toString(), "--no-progress");
    assertThat(made.exitCode()).as(made.err()).isZero();
    model = temp.resolve("model");
    train = CliRun.of("train", "--zoo", zoo.toString(), "--out", model.toString(), "--epochs", "3",
        "--max-steps", "12", "--hidden", "8", "--test-fraction", "0.25", "--ood");
    assertThat(train.exitCode()).as(train.out() + train.err()).isZero();
  }

  @Test
  void shouldLowerTheTrainingLossAndRecordTheTrainingRuns() throws Exception {
    Matcher loss = Pattern.compile("train loss ([0-9.]+) -> ([0-9.]+)").matcher(train.out());
    assertThat(loss.find()).as(train.out()).isTrue();
    assertThat(Double.parseDouble(loss.group(2))).isLessThan(Double.parseDouble(loss.group(1)));

    List<String> runs = Files.readAllLines(model.resolve("train-runs.txt"));
    assertThat(runs).hasSize(6).isSorted();
    assertThat(Files.readString(model.resolve("metadata.properties")))
        .contains("split.kind=by-run", "split.seed=7", "split.testFraction=0.25");
    assertThat(model.resolve("ood/train-runs.txt")).exists();
    assertThat(Files.readString(model.resolve("ood/metadata.properties"))).contains("split.kind=ood", "split.widthThreshold=");
  }

  private static JsonNode json;

  /** {@code eval --json} on the model, run once and shared. */
  private static synchronized JsonNode evalJson() throws Exception {
    if (json == null) {
      CliRun run = CliRun.of("eval", "--zoo", zoo.toString(), "--model", model.toString(), "--json");
      assertThat(run.exitCode()).as(run.err()).isZero();
      json = new ObjectMapper().readTree(run.out());
    }
    return json;
  }

  @Test
  void shouldReportTheGmnAndTheBaselinesOnRunsTheModelNeverSawAsJson() throws Exception {
    JsonNode root = evalJson();
    assertThat(root.get("zooHash").asText()).hasSize(64);
    assertThat(root.get("modelVersion").asText()).matches("model@[0-9a-f]{12}");
    assertThat(root.get("modelFormat").asText()).isEqualTo("2");
    JsonNode byRun = root.get("splits").get(0);
    assertThat(byRun.get("name").asText()).isEqualTo("by-run");
    assertThat(byRun.get("sameZoo").asBoolean()).isTrue();
    assertThat(byRun.get("trainRuns").asInt()).isEqualTo(6);
    assertThat(byRun.get("testRuns").asInt()).isEqualTo(2);

    Set<String> trainRuns = new TreeSet<>(Files.readAllLines(model.resolve("train-runs.txt")));
    Set<String> testRuns = new TreeSet<>();
    byRun.get("testRunIds").forEach(id -> testRuns.add(id.asText()));
    assertThat(testRuns).hasSize(2).doesNotContainAnyElementsOf(trainRuns);
    Set<String> zooRuns = new TreeSet<>(trainRuns);
    zooRuns.addAll(testRuns);
    assertThat(zooRuns).hasSize(8);

    List<String> names = new ArrayList<>();
    byRun.get("predictors").forEach(p -> names.add(p.get("name").asText()));
    assertThat(names).containsExactly("gmn", "statnn-gbt", "naive-ridge", "naive-gbt", "ref-settings",
        "ref-settings+train-acc");
    for (JsonNode p : byRun.get("predictors")) {
      JsonNode all = p.get("accuracy").get("all");
      assertThat(all.get("n").asInt()).isEqualTo(byRun.get("testCheckpoints").asInt()).isPositive();
      assertThat(all.get("mae").asDouble()).isBetween(0.0, 1.0);
      assertThat(p.get("accuracy").get("byFamily").size()).isPositive();
      assertThat(p.get("gap").get("all").has("kendallTau")).isTrue();
    }
    JsonNode ood = root.get("splits").get(1);
    assertThat(ood.get("name").asText()).isEqualTo("ood");
    assertThat(ood.get("predictors")).hasSize(6);
  }

  @Test
  void shouldReportTheModelVersionThatScoreReportsForTheSameModel() throws Exception {
    CliRun score = CliRun.of("score", "--json", "--model", model.toString(),
        ScoreCommandTest.EXAMPLES.resolve("digits-mlp.onnx").toString());
    assertThat(score.exitCode()).as(score.err()).isZero();
    JsonNode scored = new ObjectMapper().readTree(score.out().lines().findFirst().orElseThrow());

    assertThat(evalJson().get("modelVersion").asText()).isEqualTo(scored.get("modelVersion").asText());
  }

  @Test
  void shouldAddAMemberTrainedOnTheSameRunsAndEvaluateAndScoreTheEnsemble() throws Exception {
    Path ensemble = copyOfModelFiles("ensemble");
    CliRun member = CliRun.of("train", "--zoo", zoo.toString(), "--out", ensemble.toString(), "--member", "augmented",
        "--epochs", "3", "--max-steps", "12", "--hidden", "8", "--test-fraction", "0.25", "--symmetry-augment", "0.5");
    assertThat(member.exitCode()).as(member.out() + member.err()).isZero();
    Path saved = ensemble.resolve("members/augmented");
    assertThat(Files.readAllLines(saved.resolve("train-runs.txt"))).isEqualTo(Files.readAllLines(ensemble.resolve("train-runs.txt")));
    assertThat(Files.readString(saved.resolve("metadata.properties"))).contains("train.symmetryLogSpread=0.5");

    CliRun eval = CliRun.of("eval", "--zoo", zoo.toString(), "--model", ensemble.toString(), "--json");
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    JsonNode byRun = new ObjectMapper().readTree(eval.out()).get("splits").get(0);
    List<String> names = new ArrayList<>();
    byRun.get("predictors").forEach(p -> names.add(p.get("name").asText()));
    assertThat(names).startsWith("gmn", "gmn/main", "gmn/augmented", "statnn-gbt");
    JsonNode agreement = byRun.get("predictors").get(0).get("accuracyByAgreement");
    int counted = 0;
    for (JsonNode group : agreement) {
      counted += group.get("n").asInt();
    }
    assertThat(counted).isEqualTo(byRun.get("testCheckpoints").asInt());

    CliRun score = CliRun.of("score", "--json", "--model", ensemble.toString(),
        ScoreCommandTest.EXAMPLES.resolve("digits-mlp.onnx").toString());
    assertThat(score.exitCode()).as(score.err()).isZero();
    JsonNode scored = new ObjectMapper().readTree(score.out().lines().findFirst().orElseThrow());
    assertThat(scored.get("ensembleSize").asInt()).isEqualTo(2);
    assertThat(scored.get("accuracySpread").asDouble()).isBetween(0.0, 1.0);
    assertThat(scored.has("membersDisagree")).isTrue();
    assertThat(scored.get("modelVersion").asText()).isEqualTo(new ObjectMapper().readTree(eval.out()).get("modelVersion").asText())
        .isNotEqualTo(evalJson().get("modelVersion").asText().replace("model@", "ensemble@"));
  }

  @Test
  void shouldRefuseAMemberOfAnotherSplitAndAModelReplacedUnderItsMembers() throws Exception {
    Path ensemble = copyOfModelFiles("refusing");
    Files.createDirectories(ensemble.resolve("members/old"));

    CliRun otherRuns = CliRun.of("train", "--zoo", zoo.toString(), "--out", ensemble.toString(), "--member", "other",
        "--epochs", "1", "--max-steps", "1", "--hidden", "8", "--test-fraction", "0.5");
    CliRun replaced = CliRun.of("train", "--zoo", zoo.toString(), "--out", ensemble.toString(), "--epochs", "1",
        "--max-steps", "1", "--hidden", "8", "--test-fraction", "0.25");
    CliRun badName = CliRun.of("train", "--zoo", zoo.toString(), "--out", ensemble.toString(), "--member", "../x");

    assertThat(otherRuns.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(otherRuns.err()).contains("--member other: this split's 4 training runs are not the 6 runs");
    assertThat(replaced.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(replaced.err()).contains("holds an ensemble");
    assertThat(badName.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(badName.err()).contains("--member '../x'");
    assertThat(ensemble.resolve("members/other")).doesNotExist();
  }

  @Test
  void shouldPrintTablesAndMarkdown() {
    CliRun text = CliRun.of("eval", "--zoo", zoo.toString(), "--model", model.toString());
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains("split by-run", "split ood", "statnn-gbt", "naive-ridge", "Kendall tau",
        "test accuracy", "generalisation gap", "excluded from the test set: 6 runs",
        "ref-* rows are references");

    CliRun md = CliRun.of("eval", "--zoo", zoo.toString(), "--model", model.toString(), "--markdown");
    assertThat(md.exitCode()).as(md.err()).isZero();
    assertThat(md.out()).contains("### Split by-run", "| predictor | target | held-out runs | n | Kendall tau | R^2 | MAE |",
        "| gmn | test accuracy | all |", "| ref-settings+train-acc | test accuracy | all |",
        "ref-* rows are references, not predictions from weights");
  }

  @Test
  void shouldRefuseAMissingModelFolderInOneLine() {
    Path none = temp.resolve("no-model");
    CliRun run = CliRun.of("eval", "--zoo", zoo.toString(), "--model", none.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err().lines()).singleElement().asString().contains("no model folder at " + none);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void shouldRefuseAModelOfAnUnknownVersionInOneLine() throws Exception {
    Path future = copyOfModelFiles("future-model");
    Files.writeString(future.resolve("VERSION"), "99\n");

    CliRun run = CliRun.of("eval", "--zoo", zoo.toString(), "--model", future.toString(), "--json");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err().lines()).singleElement().asString().contains("format version '99'");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void shouldRefuseWhenNoRunIsLeftToTest() throws Exception {
    Path all = copyOfModelFiles("trained-on-everything");
    List<String> every = new ArrayList<>(Files.readAllLines(model.resolve("train-runs.txt")));
    every.addAll(Files.readAllLines(model.resolve("ood/train-runs.txt")));
    evalJson().get("splits").get(0).get("testRunIds").forEach(id -> every.add(id.asText()));
    Files.write(all.resolve("train-runs.txt"), new TreeSet<>(every));

    CliRun run = CliRun.of("eval", "--zoo", zoo.toString(), "--model", all.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err().lines().filter(l -> l.startsWith("gmn-stream eval: ") && l.contains("nothing to test")))
        .hasSize(1);
  }

  /** A new folder {@code name} holding copies of the model folder's files (not its {@code ood/} model). */
  private static Path copyOfModelFiles(String name) throws IOException {
    Path copy = Files.createDirectories(temp.resolve(name));
    try (Stream<Path> files = Files.list(model)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    return copy;
  }
}
