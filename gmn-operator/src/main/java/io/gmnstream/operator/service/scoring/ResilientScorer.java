package io.gmnstream.operator.service.scoring;

import io.gmnstream.operator.score.BatchListener;
import io.gmnstream.operator.score.GraphScore;
import io.gmnstream.operator.score.Scorer;
import io.gmnstream.operator.service.intake.GraphInput;
import io.gmnstream.operator.service.intake.Rejected;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.schemas.avro.DeadLetterReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a batch so that one bad graph cannot take the others down, nor the service: when a forward
 * pass fails (the engine runs out of memory, a graph the model cannot take), the batch is split in
 * halves and each half retried; a graph that still fails alone is refused with TOO_LARGE (memory)
 * or OTHER, and every graph that can be scored is.
 */
public final class ResilientScorer {
    private static final Logger LOG = LoggerFactory.getLogger(ResilientScorer.class);

    private final BatchListener passListener;

    /** @param passListener told of every forward pass that succeeded (metrics) */
    public ResilientScorer(BatchListener passListener) {
        this.passListener = Objects.requireNonNull(passListener, "passListener");
    }

    /** One outcome per graph, in input order. */
    public List<ScoringOutcome> score(Scorer scorer, List<GraphInput> inputs) {
        Objects.requireNonNull(scorer, "scorer");
        List<ScoringOutcome> out = new ArrayList<>(inputs.size());
        if (!inputs.isEmpty()) {
            scoreInto(scorer, inputs, out);
        }
        return out;
    }

    private void scoreInto(Scorer scorer, List<GraphInput> inputs, List<ScoringOutcome> out) {
        List<BatchListener.BatchStats> passes = new ArrayList<>();
        List<GraphScore> scores;
        try {
            scores = scorer.score(inputs.stream().map(GraphInput::graph).toList(), passes::add);
        } catch (RuntimeException | OutOfMemoryError e) {
            // OutOfMemoryError too: a huge graph's tensors can exhaust the heap while the service itself
            // is fine once they are released; splitting the batch is the recovery.
            recover(scorer, inputs, out, e);
            return;
        }
        passes.forEach(passListener::onBatch);
        int next = 0;
        for (BatchListener.BatchStats pass : passes) {
            double millis = (pass.buildNanos() + pass.forwardNanos()) / 1e6;
            for (int i = 0; i < pass.graphs(); i++, next++) {
                out.add(new ScoringOutcome.Scored(inputs.get(next), scores.get(next), pass.graphs(), millis));
            }
        }
    }

    private void recover(Scorer scorer, List<GraphInput> inputs, List<ScoringOutcome> out, Throwable failure) {
        if (inputs.size() == 1) {
            GraphInput input = inputs.get(0);
            ParamGraph graph = input.graph();
            boolean memory = MemoryFailures.isOutOfMemory(failure);
            LOG.warn("cannot score {} (run {} step {}, {} nodes, {} edges) even alone; dead-lettering it as {}",
                    input.source(), input.runId(), input.step(), graph.numNodes(), graph.numEdges(),
                    memory ? "TOO_LARGE" : "OTHER", failure);
            String detail = memory
                    ? "scoring ran out of memory on " + graph.numEdges() + " edges (" + graph.numNodes() + " nodes) even "
                            + "alone: lower this operator's maxGraphEdges to refuse such graphs up front, or score "
                            + "them on a host (or GPU) with more memory; cause: " + failure
                    : "the model " + scorer.modelVersion() + " could not score this graph: " + failure;
            out.add(new ScoringOutcome.Failed(input, new Rejected(input.source(),
                    memory ? DeadLetterReason.TOO_LARGE : DeadLetterReason.OTHER, detail)));
            return;
        }
        int half = inputs.size() / 2;
        LOG.warn("scoring a batch of {} graphs failed ({}); retrying it as {} + {}", inputs.size(), failure,
                half, inputs.size() - half);
        scoreInto(scorer, inputs.subList(0, half), out);
        scoreInto(scorer, inputs.subList(half, inputs.size()), out);
    }
}
