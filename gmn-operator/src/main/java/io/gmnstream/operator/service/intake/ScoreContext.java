package io.gmnstream.operator.service.intake;

import io.gmnstream.schemas.avro.LayerStatistics;
import io.gmnstream.schemas.avro.ParamGraph;
import io.gmnstream.schemas.avro.WeightStatistics;
import io.gmnstream.schemas.avro.WeightSummary;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a score repeats from its graph record for the run monitor: the run's task (peer comparison),
 * the checkpoint's training metrics (measured accuracy on the dashboard) and a summary of the weight
 * statistics (non-finite weights, norm explosions, dead units). The graph itself is too big to re-read.
 *
 * @param weightSummary null when the graph builder computed no statistics
 */
public record ScoreContext(String task, Map<String, Double> metrics, WeightSummary weightSummary) {

    /** For graphs that carry nothing beyond their arrays. */
    public static final ScoreContext NONE = new ScoreContext("", Map.of(), null);

    public ScoreContext {
        Objects.requireNonNull(task, "task");
        metrics = Map.copyOf(metrics);
    }

    public static ScoreContext of(ParamGraph record) {
        return new ScoreContext(record.getTask(), record.getMetrics(), summarise(record.getWeightStatistics()));
    }

    static WeightSummary summarise(WeightStatistics statistics) {
        if (statistics == null) {
            return null;
        }
        Map<String, Double> norms = new LinkedHashMap<>();
        Map<String, Double> dead = new LinkedHashMap<>();
        double squaredNorm = 0;
        for (LayerStatistics layer : statistics.getLayers()) {
            norms.put(layer.getName(), layer.getL2Norm());
            dead.put(layer.getName(), layer.getDeadUnitFraction());
            squaredNorm += layer.getL2Norm() * layer.getL2Norm();
        }
        return WeightSummary.newBuilder()
                .setNanCount(statistics.getNanCount())
                .setInfCount(statistics.getInfCount())
                .setL2Norm(Math.sqrt(squaredNorm))
                .setLayerL2Norms(norms)
                .setLayerDeadUnitFractions(dead)
                .build();
    }
}
