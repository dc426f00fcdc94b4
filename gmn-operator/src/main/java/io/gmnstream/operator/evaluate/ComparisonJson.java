package io.gmnstream.operator.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmnstream.operator.learn.EvalReport;
import io.gmnstream.operator.learn.RegressionMetrics;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of a {@link ComparisonReport}; its shape is part of the CLI contract (documented in
 * the README), so fields are only ever added:
 *
 * <pre>{@code
 * {"zooHash": "...", "zooRunFiles": 300, "zooCheckpoints": 884, "modelVersion": "digits-gmn@3f2a9c01b7e4",
 *  "modelFormat": "2",
 *  "splits": [{
 *    "name": "by-run", "description": "by-run test=0.200 seed=7", "modelZooHash": "...", "sameZoo": true,
 *    "modelTrainRuns": 240, "trainRuns": 240, "modelTrainRunsNotInZoo": 0, "testRuns": 60, "testRunIds": [...],
 *    "trainCheckpoints": 701, "testCheckpoints": 183,
 *    "nonFinite": {"policy": "ZERO", "zeroedTrain": 14, "zeroedTest": 3, "excludedTrain": 0, "excludedTest": 0},
 *    "notes": [],
 *    "predictors": [{"name": "gmn",
 *       "accuracy": {"all": {"n": 183, "kendallTau": 0.42, "r2": 0.29, "mae": 0.22}, "byFamily": {"mlp": {...}}},
 *       "gap": {"all": {...}, "byFamily": {...}}},
 *     {"name": "statnn-gbt", ...}, {"name": "naive-ridge", ...}, {"name": "naive-gbt", ...}]}]}
 * }</pre>
 *
 * {@code modelVersion} is the string {@code gmn-stream score} puts on every score of the same model;
 * {@code modelFormat} the model folder's format version. {@code trainRuns} are the model's training runs found in the zoo: excluded from the test set and the
 * baselines' training data. A figure that is undefined (tau with fewer than two checkpoints, R^2 of a
 * constant target) is {@code null}. Family keys are sorted.
 */
public final class ComparisonJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ComparisonJson() {
    }

    public static ObjectNode toJson(ComparisonReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("zooHash", report.zooHash());
        root.put("zooRunFiles", report.zooRunFiles());
        root.put("zooCheckpoints", report.zooCheckpoints());
        root.put("modelVersion", report.modelVersion());
        root.put("modelFormat", report.modelFormat());
        ArrayNode splits = root.putArray("splits");
        for (SplitComparison s : report.splits()) {
            splits.add(split(s, report.zooHash()));
        }
        return root;
    }

    /** One line of JSON. */
    public static String toJsonString(ComparisonReport report) {
        return toJson(report).toString();
    }

    private static ObjectNode split(SplitComparison s, String zooHash) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", s.name());
        o.put("description", s.description());
        o.put("modelZooHash", s.modelZooHash());
        o.put("sameZoo", s.modelZooHash().equals(zooHash));
        o.put("modelTrainRuns", s.modelTrainRuns());
        o.put("trainRuns", s.trainRuns());
        o.put("modelTrainRunsNotInZoo", s.modelTrainRunsMissing());
        o.put("testRuns", s.testRuns());
        ArrayNode ids = o.putArray("testRunIds");
        s.testRunIds().forEach(ids::add);
        o.put("trainCheckpoints", s.trainCheckpoints());
        o.put("testCheckpoints", s.testCheckpoints());
        ObjectNode nf = o.putObject("nonFinite");
        nf.put("policy", s.nonFinite().name());
        nf.put("zeroedTrain", s.zeroedTrain());
        nf.put("zeroedTest", s.zeroedTest());
        nf.put("excludedTrain", s.excludedTrain());
        nf.put("excludedTest", s.excludedTest());
        ArrayNode notes = o.putArray("notes");
        s.notes().forEach(notes::add);
        ArrayNode predictors = o.putArray("predictors");
        for (PredictorReport p : s.predictors()) {
            ObjectNode po = predictors.addObject();
            po.put("name", p.name());
            EvalReport r = p.report();
            target(po.putObject("accuracy"), r.accuracy(), r.accuracyByFamily());
            if (!p.accuracyByAgreement().isEmpty()) {
                ObjectNode agreement = po.putObject("accuracyByAgreement");
                new TreeMap<>(p.accuracyByAgreement()).forEach((g, m) -> metrics(agreement.putObject(g), m));
            }
            target(po.putObject("gap"), r.gap(), r.gapByFamily());
        }
        return o;
    }

    private static void target(ObjectNode o, RegressionMetrics all, Map<String, RegressionMetrics> byFamily) {
        metrics(o.putObject("all"), all);
        ObjectNode families = o.putObject("byFamily");
        new TreeMap<>(byFamily).forEach((f, m) -> metrics(families.putObject(f), m));
    }

    private static void metrics(ObjectNode o, RegressionMetrics m) {
        o.put("n", m.n());
        number(o, "kendallTau", m.kendallTau());
        number(o, "r2", m.r2());
        number(o, "mae", m.mae());
    }

    /** NaN and infinities are not JSON numbers: written as null. */
    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}
