package io.gmnstream.paramgraph.internal;

import io.gmnstream.paramgraph.GraphLayer;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.paramgraph.GraphTensor;
import io.gmnstream.paramgraph.NodeRange;
import io.gmnstream.paramgraph.NodeType;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.InputSpec;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.TensorSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one graph in three steps: plan every layer (ids, offsets, limits; nothing big allocated),
 * fetch and check the tensors, then allocate the packed arrays once and let each layer fill its range.
 */
public final class GraphAssembler {
    private final GraphLimits limits;

    public GraphAssembler(GraphLimits limits) {
        this.limits = limits;
    }

    private record Step(LayerSpec spec, LayerResult result, int edgeOffset, int edgeCount) {
    }

    public ParamGraph assemble(NetworkSpec spec, TensorSource tensors) {
        Planner planner = new Planner(limits);
        Map<String, NodeSet> outputs = new HashMap<>();
        outputs.put(NetworkSpec.INPUT, inputNodes(spec.input(), planner));
        List<Step> steps = new ArrayList<>();
        NodeSet last = null;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            List<NodeSet> inputs = new ArrayList<>();
            for (String name : spec.inputsOf(i)) {
                inputs.add(outputs.get(name));
            }
            int edgesBefore = planner.edgeCount();
            LayerResult result = Rules.plan(layer, inputs, planner);
            steps.add(new Step(layer, result, edgesBefore, planner.edgeCount() - edgesBefore));
            outputs.put(layer.name(), result.output());
            last = result.output();
        }
        planner.fetch(tensors);
        GraphArrays arrays = new GraphArrays(planner.nodeCount(), planner.edgeCount());
        planner.fillNodes(arrays);
        List<GraphLayer> layers = new ArrayList<>(steps.size());
        for (Step step : steps) {
            step.result.emitter().emit(arrays);
            layers.add(describe(step));
        }
        // the network outputs are ordered (classes): they get positions 0..n-1
        NodeRange out = last.nodes();
        for (int i = 0; i < out.count(); i++) {
            arrays.nodePosition[out.start() + i] = i;
        }
        return new ParamGraph(arrays.nodeType, arrays.nodeLayer, arrays.nodePosition, arrays.source, arrays.target, arrays.value,
                arrays.layer, arrays.type, arrays.position, planner.parameters(), planner.residualEdges(), layers);
    }

    private static NodeSet inputNodes(InputSpec input, Planner planner) {
        List<Integer> shape = input.shape();
        return switch (input.layout()) {
            case FEATURES -> NodeSet.vector(planner.addNodes(NodeType.NEURON, shape.get(0), 0, true), 0);
            case SEQUENCE -> NodeSet.sequence(planner.addNodes(NodeType.NEURON, shape.get(1), 0, true), 0, shape.get(0));
            case CHANNELS_FIRST -> NodeSet.map(planner.addNodes(NodeType.CHANNEL, shape.get(0), 0, true), 0,
                    shape.subList(1, shape.size()).stream().mapToInt(Integer::intValue).toArray());
            case TOKENS -> new NodeSet(planner.addNodes(NodeType.NEURON, 0, 0, false), 0, NodeSet.Kind.TOKENS, new int[0], shape.get(0));
        };
    }

    private static GraphLayer describe(Step step) {
        LayerResult r = step.result;
        List<GraphTensor> tensors = new ArrayList<>(r.tensors().size());
        for (TensorRef ref : r.tensors()) {
            tensors.add(ref.describe());
        }
        return new GraphLayer(step.spec.name(), step.spec.op(), r.layerIndex(), step.spec, r.input(), r.hidden(), r.output().nodes(),
                r.grid(), r.positionMajor(), step.edgeOffset, step.edgeCount, tensors);
    }
}
