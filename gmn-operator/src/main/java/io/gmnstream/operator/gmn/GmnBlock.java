package io.gmnstream.operator.gmn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Graph Metanetwork: encoders, {@code layers} message-passing layers, a readout of mean node and
 * edge states per {@link ReadoutGroups} group and an MLP head. Input: {@link GraphBatch#inputs()}. Output: [G, 2], column 0 the predicted
 * test accuracy (sigmoid, in [0, 1]), column 1 the predicted generalisation gap (unbounded).
 *
 * <p>Every hyperparameter comes from the {@link GmnConfig} given to the constructor (trap 5), so
 * {@code new GmnBlock(config)} followed by {@code loadParameters} restores a saved model exactly.
 */
public final class GmnBlock extends AbstractBlock {
    private static final byte VERSION = 2;
    private final GmnConfig config;
    private final IndexEmbedding nodeType;
    private final IndexEmbedding nodeLayer;
    private final IndexEmbedding nodePosition;
    private final ValueEncoder edgeValue;
    private final IndexEmbedding edgeType;
    private final IndexEmbedding edgeLayer;
    private final IndexEmbedding kernelX;
    private final IndexEmbedding kernelY;
    private final IndexEmbedding kernelZ;
    private final List<MessagePassingLayer> layers = new ArrayList<>();
    private final Mlp head;

    public GmnBlock(GmnConfig config) {
        super(VERSION);
        this.config = Objects.requireNonNull(config, "config");
        int h = config.hidden();
        nodeType = addChildBlock("nodeType", new IndexEmbedding(config.numNodeTypes(), h));
        nodeLayer = addChildBlock("nodeLayer", new IndexEmbedding(config.layerRows(), h));
        nodePosition = addChildBlock("nodePosition", new IndexEmbedding(config.positionRows(), h));
        edgeValue = addChildBlock("edgeValue", new ValueEncoder(config.valueFrequencies(), h));
        edgeType = addChildBlock("edgeType", new IndexEmbedding(config.numEdgeTypes(), h));
        edgeLayer = addChildBlock("edgeLayer", new IndexEmbedding(config.layerRows(), h));
        kernelX = addChildBlock("kernelX", new IndexEmbedding(config.kernelRows(), h));
        kernelY = addChildBlock("kernelY", new IndexEmbedding(config.kernelRows(), h));
        kernelZ = addChildBlock("kernelZ", new IndexEmbedding(config.kernelRows(), h));
        for (int i = 0; i < config.layers(); i++) {
            layers.add(addChildBlock("mp" + i, new MessagePassingLayer(h)));
        }
        head = addChildBlock("head", new Mlp(2 * ReadoutGroups.COUNT * h + 2, config.headHidden(), 2));
    }

    public GmnConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList in, boolean training, PairList<String, Object> params) {
        if (in.size() != GraphBatch.NUM_INPUTS) {
            throw new IllegalArgumentException("expected the " + GraphBatch.NUM_INPUTS + " arrays of a GraphBatch, got " + in.size());
        }
        NDArray h = nodeType.apply(store, in.get(GraphBatch.NODE_TYPE), training)
                .add(nodeLayer.apply(store, in.get(GraphBatch.NODE_LAYER), training))
                .add(nodePosition.apply(store, in.get(GraphBatch.NODE_POSITION), training));
        // The five code embeddings are summed once per edge kind (tens of rows), not per edge.
        NDArray kindSum = edgeType.apply(store, in.get(GraphBatch.KIND_TYPE), training)
                .add(edgeLayer.apply(store, in.get(GraphBatch.KIND_LAYER), training))
                .add(kernelX.apply(store, in.get(GraphBatch.KIND_KX), training))
                .add(kernelY.apply(store, in.get(GraphBatch.KIND_KY), training))
                .add(kernelZ.apply(store, in.get(GraphBatch.KIND_KZ), training));
        NDArray e = edgeValue.encode(store, in.get(GraphBatch.EDGE_VALUE), kindSum, in.get(GraphBatch.EDGE_KIND), training);
        for (MessagePassingLayer layer : layers) {
            NDList out = layer.forward(store, new NDList(h, e, in.get(GraphBatch.EDGE_SOURCE),
                    in.get(GraphBatch.EDGE_TARGET), in.get(GraphBatch.INCIDENCE), in.get(GraphBatch.INV_DEGREE)), training);
            h = out.get(0);
            e = out.get(1);
        }
        // Readout: per graph, the mean node state and the mean edge state of each ReadoutGroups group
        // (sparse [G * groups, N] / [G * groups, E] pooling, reshaped to one row per graph), plus
        // the log sizes of the graph. The edge means see every weight's state directly, as the
        // weight statistics of StatNN do; the node means see what the wiring made of them.
        long graphs = in.get(GraphBatch.GRAPH_SIZE).getShape().get(0);
        NDArray nodes = in.get(GraphBatch.POOL).matMul(h).mul(in.get(GraphBatch.INV_COUNT))
                .reshape(graphs, (long) ReadoutGroups.COUNT * config.hidden());
        NDArray edges = in.get(GraphBatch.EDGE_POOL).matMul(e).mul(in.get(GraphBatch.INV_EDGE_COUNT))
                .reshape(graphs, (long) ReadoutGroups.COUNT * config.hidden());
        NDArray z = head.apply(store, NDArrays2.concat(nodes, edges, in.get(GraphBatch.GRAPH_SIZE)), training);
        NDArray accuracy = Activation.sigmoid(z.get(":, 0:1"));
        NDArray gap = z.get(":, 1:2");
        return new NDList(NDArrays2.concat(accuracy, gap));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // Every child has its shapes from its constructor; nothing is derived from inputShapes.
        for (var child : getChildren().values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes.length > GraphBatch.GRAPH_SIZE ? inputShapes[GraphBatch.GRAPH_SIZE].get(0) : -1, 2)};
    }
}
