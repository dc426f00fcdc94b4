package io.gmnstream.launcher.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmnstream.operator.score.GraphScore;
import io.gmnstream.operator.score.ModelEnsemble;
import java.util.List;
import java.util.Locale;

/**
 * What {@code gmn-stream score} prints. The JSON keys input, predictedTestAccuracy,
 * predictedGeneralizationGap, modelVersion, nodes and edges are the interface of the issue: scripts
 * rely on them, so extend, never rename. A model with ensemble members adds ensembleSize, accuracySpread
 * (how far the members' accuracy predictions lie apart) and membersDisagree (spread at or above
 * {@link ModelEnsemble#DISAGREEMENT}: trust that score less).
 */
final class ScoreOutput {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScoreOutput() {}

  static String json(ScoredInput scored) {
    GraphScore s = scored.score();
    ObjectNode root = JSON.createObjectNode();
    root.put("input", scored.input());
    root.put("predictedTestAccuracy", s.predictedTestAccuracy());
    root.put("predictedGeneralizationGap", s.predictedGeneralizationGap());
    root.put("modelVersion", s.modelVersion());
    root.put("nodes", s.nodes());
    root.put("edges", s.edges());
    root.put("format", scored.graphInput().format().wireName());
    if (scored.graphInput().step() != null) {
      root.put("step", scored.graphInput().step());
    }
    root.put("nonFiniteValues", s.nonFiniteValues());
    if (s.ensembleSize() > 1) {
      root.put("ensembleSize", s.ensembleSize());
      root.put("accuracySpread", s.accuracySpread());
      root.put("membersDisagree", s.membersDisagree());
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a score as JSON", e);
    }
  }

  static String table(List<ScoredInput> scored) {
    int width = Math.max(5, scored.stream().mapToInt(s -> s.input().length()).max().orElse(0));
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-" + width + "s  %-11s %5s  %9s  %9s  %8s  %8s%n",
        "input", "format", "step", "nodes", "edges", "test acc", "gap"));
    for (ScoredInput s : scored) {
      GraphScore score = s.score();
      Long step = s.graphInput().step();
      out.append(String.format(Locale.ROOT, "%-" + width + "s  %-11s %5s  %,9d  %,9d  %8.4f  %+8.4f%s%n",
          s.input(), s.graphInput().format().wireName(), step == null ? "-" : step.toString(), score.nodes(),
          score.edges(), score.predictedTestAccuracy(), score.predictedGeneralizationGap(), notes(score)));
    }
    return out.toString();
  }

  private static String notes(GraphScore score) {
    StringBuilder notes = new StringBuilder();
    if (score.nonFiniteValues() > 0) {
      notes.append("  (").append(score.nonFiniteValues()).append(" non-finite weights zeroed)");
    }
    if (score.membersDisagree()) {
      notes.append(String.format(Locale.ROOT, "  (low confidence: the %d models disagree by %.3f)", score.ensembleSize(),
          score.accuracySpread()));
    }
    return notes.toString();
  }
}
