package io.gmnstream.operator.gmn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.gmnstream.paramgraph.ParamGraph;
import java.util.List;
import java.util.Objects;

/**
 * Several parameter graphs packed into one disjoint union, ready for {@link GmnBlock}.
 *
 * <p>Node ids are offset per graph; edges are sorted by (global) destination, stably, which makes
 * the sparse aggregation faster and its summation order independent of how the graph was batched.
 * Sum-aggregation uses a sparse incidence matrix A[N, E] (A[dst e, e] = 1) times the edge messages,
 * because DJL has no scatter-add; graph pooling uses P[G, N] the same way. The sparse matrices are
 * built through {@link JniUtils#createSparseCoo} from index/value arrays that this batch copied and
 * keeps open until it is closed: {@code NDManager.createCoo} closes its own index arrays while the
 * sparse tensor still points at them (DJL_NOTES trap 2).
 *
 * <p>Close the batch to free its native memory. Not thread-safe.
 */
public final class GraphBatch implements AutoCloseable {
    // Positions of the arrays in inputs(); GmnBlock reads them by these indices.
    static final int NODE_TYPE = 0;
    static final int NODE_LAYER = 1;
    static final int NODE_POSITION = 2;
    static final int EDGE_VALUE = 3;
    static final int EDGE_KIND = 4;
    static final int KIND_TYPE = 5;
    static final int KIND_LAYER = 6;
    static final int KIND_KX = 7;
    static final int KIND_KY = 8;
    static final int KIND_KZ = 9;
    static final int EDGE_SOURCE = 10;
    static final int EDGE_TARGET = 11;
    static final int INCIDENCE = 12;
    static final int INV_DEGREE = 13;
    static final int POOL = 14;
    static final int INV_COUNT = 15;
    static final int EDGE_POOL = 16;
    static final int INV_EDGE_COUNT = 17;
    static final int GRAPH_SIZE = 18;
    static final int NUM_INPUTS = 19;

    private final NDManager manager;
    private final NDList inputs;
    private final int numGraphs;
    private final int numNodes;
    private final int numEdges;
    private final int[] graphNodes;
    private final int[] graphEdges;

    private GraphBatch(NDManager manager, NDList inputs, int[] graphNodes, int[] graphEdges, int numNodes, int numEdges) {
        this.manager = manager;
        this.inputs = inputs;
        this.graphNodes = graphNodes;
        this.graphEdges = graphEdges;
        this.numGraphs = graphNodes.length;
        this.numNodes = numNodes;
        this.numEdges = numEdges;
    }

    /**
     * Packs {@code graphs} with the clipping rules of {@code config}; the arrays live in a new
     * sub-manager of {@code parent} and die with {@link #close()}.
     *
     * @throws IllegalArgumentException if the list is empty, a graph has no nodes, an id is out of
     *         range, a type code exceeds the configured tables, or the batch exceeds 2^31-1 edges
     */
    public static GraphBatch of(List<ParamGraph> graphs, GmnConfig config, NDManager parent) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(parent, "parent");
        if (graphs == null || graphs.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one graph");
        }
        int g = graphs.size();
        int[] graphNodes = new int[g];
        int[] graphEdges = new int[g];
        long totalNodes = 0;
        long totalEdges = 0;
        for (int i = 0; i < g; i++) {
            ParamGraph graph = Objects.requireNonNull(graphs.get(i), "graph " + i);
            validate(graph, i, config);
            graphNodes[i] = graph.numNodes();
            graphEdges[i] = graph.numEdges();
            totalNodes += graph.numNodes();
            totalEdges += graph.numEdges();
        }
        if (totalNodes > Integer.MAX_VALUE || totalEdges > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("batch too large: " + totalNodes + " nodes, " + totalEdges
                    + " edges (limit 2^31-1 each); split it into smaller batches");
        }
        int n = (int) totalNodes;
        int e = (int) totalEdges;

        long[] nodeType = new long[n];
        long[] nodeLayer = new long[n];
        long[] nodePosition = new long[n];
        byte[] nodeGroup = new byte[n];
        long[] graphOfNode = new long[n];
        float[] inDegree = new float[n];
        float[] value = new float[e];
        EdgeKinds kinds = new EdgeKinds(e);
        long[] src = new long[e];
        long[] dst = new long[e];

        int nodeOffset = 0;
        int edgeOffset = 0;
        for (int gi = 0; gi < g; gi++) {
            ParamGraph graph = graphs.get(gi);
            int gn = graph.numNodes();
            byte[] types = graph.nodeType();
            short[] layers = graph.nodeLayer();
            int[] positions = graph.nodePosition();
            for (int v = 0; v < gn; v++) {
                int id = nodeOffset + v;
                nodeType[id] = types[v];
                nodeLayer[id] = clip(layers[v], config.maxLayerIndex());
                // -1 (hidden or special node) -> slot 0, the learned "hidden" slot: hidden neurons are
                // indistinguishable by construction, which is what makes the GMN permutation invariant.
                nodePosition[id] = positions[v] < 0 ? 0 : 1 + clip(positions[v], config.maxPosition());
                graphOfNode[id] = gi;
                nodeGroup[id] = (byte) ReadoutGroups.ofNode(layers[v], positions[v]);
            }
            // Stable counting sort of this graph's edges by target: the union stays sorted because
            // node offsets grow with the graph index.
            int[] order = sortByTarget(graph.edgeTarget(), gn);
            float[] values = graph.edgeValue();
            byte[] eTypes = graph.edgeType();
            short[] eLayers = graph.edgeLayer();
            short[] ePos = graph.edgePosition();
            int[] eSrc = graph.edgeSource();
            int[] eDst = graph.edgeTarget();
            for (int k = 0; k < order.length; k++) {
                int old = order[k];
                int id = edgeOffset + k;
                value[id] = values[old];
                kinds.set(id, eTypes[old], clip(eLayers[old], config.maxLayerIndex()), kernelSlot(ePos[3 * old], config),
                        kernelSlot(ePos[3 * old + 1], config), kernelSlot(ePos[3 * old + 2], config));
                src[id] = nodeOffset + eSrc[old];
                dst[id] = nodeOffset + eDst[old];
                inDegree[(int) dst[id]] += 1f;
            }
            nodeOffset += gn;
            edgeOffset += graph.numEdges();
        }

        float[] invDegree = new float[n];
        for (int v = 0; v < n; v++) {
            invDegree[v] = inDegree[v] > 0 ? 1f / inDegree[v] : 0f;
        }
        long[] incidenceIndex = new long[2 * e];
        System.arraycopy(dst, 0, incidenceIndex, 0, e);
        for (int k = 0; k < e; k++) {
            incidenceIndex[e + k] = k;
        }
        // Readout pooling: row gi * GROUPS + group of the [G * GROUPS, N] and [G * GROUPS, E] matrices.
        int groups = ReadoutGroups.COUNT;
        float[] nodeCount = new float[g * groups];
        long[] poolIndex = new long[2 * n];
        for (int v = 0; v < n; v++) {
            int row = (int) graphOfNode[v] * groups + nodeGroup[v];
            poolIndex[v] = row;
            poolIndex[n + v] = v;
            nodeCount[row] += 1f;
        }
        float[] edgeCount = new float[g * groups];
        long[] edgePoolIndex = new long[2 * e];
        for (int k = 0; k < e; k++) {
            int source = (int) src[k];
            int row = (int) graphOfNode[source] * groups
                    + ReadoutGroups.ofEdge(nodeGroup[source], nodeGroup[(int) dst[k]]);
            edgePoolIndex[k] = row;
            edgePoolIndex[e + k] = k;
            edgeCount[row] += 1f;
        }
        float[] graphSize = new float[2 * g];
        for (int gi = 0; gi < g; gi++) {
            graphSize[2 * gi] = (float) (Math.log1p(graphNodes[gi]) / 10);
            graphSize[2 * gi + 1] = (float) (Math.log1p(graphEdges[gi]) / 10);
        }

        NDManager m = parent.newSubManager();
        try {
            NDList in = new NDList(NUM_INPUTS);
            in.add(OwnedArrays.longs(m, nodeType, new Shape(n)));
            in.add(OwnedArrays.longs(m, nodeLayer, new Shape(n)));
            in.add(OwnedArrays.longs(m, nodePosition, new Shape(n)));
            in.add(OwnedArrays.floats(m, value, new Shape(e, 1)));
            in.add(OwnedArrays.longs(m, kinds.edgeKind(), new Shape(e)));
            for (int c = 0; c < EdgeKinds.COMPONENTS; c++) {
                in.add(OwnedArrays.longs(m, kinds.component(c), new Shape(kinds.count())));
            }
            in.add(OwnedArrays.longs(m, src, new Shape(e)));
            in.add(OwnedArrays.longs(m, dst, new Shape(e)));
            in.add(sparseOnes(m, incidenceIndex, e, new Shape(n, e)));
            in.add(OwnedArrays.floats(m, invDegree, new Shape(n, 1)));
            in.add(sparseOnes(m, poolIndex, n, new Shape((long) g * groups, n)));
            in.add(OwnedArrays.floats(m, inverse(nodeCount), new Shape((long) g * groups, 1)));
            in.add(sparseOnes(m, edgePoolIndex, e, new Shape((long) g * groups, e)));
            in.add(OwnedArrays.floats(m, inverse(edgeCount), new Shape((long) g * groups, 1)));
            in.add(OwnedArrays.floats(m, graphSize, new Shape(g, 2)));
            return new GraphBatch(m, in, graphNodes, graphEdges, n, e);
        } catch (RuntimeException ex) {
            m.close();
            throw ex;
        }
    }

    /** 1/x, and 0 for empty groups (their pooled sum is 0 too, so the mean reads as 0). */
    private static float[] inverse(float[] counts) {
        float[] inv = new float[counts.length];
        for (int i = 0; i < counts.length; i++) {
            inv[i] = counts[i] > 0 ? 1f / counts[i] : 0f;
        }
        return inv;
    }

    /** Sparse COO matrix of ones; its index and value arrays stay open in {@code m} (trap 2). */
    private static NDArray sparseOnes(NDManager m, long[] index, int nnz, Shape shape) {
        NDArray indices = OwnedArrays.longs(m, index, new Shape(2, nnz));
        NDArray ones = OwnedArrays.constant(m, new Shape(nnz), 1f);
        NDArray coo = JniUtils.createSparseCoo((PtNDArray) indices, (PtNDArray) ones, shape);
        coo.attach(m);
        return coo;
    }

    private static void validate(ParamGraph graph, int index, GmnConfig config) {
        int n = graph.numNodes();
        if (n == 0) {
            throw new IllegalArgumentException("graph " + index + " has no nodes");
        }
        for (byte t : graph.nodeType()) {
            if (t < 0 || t >= config.numNodeTypes()) {
                throw new IllegalArgumentException("graph " + index + ": node type code " + t + " outside [0, "
                        + config.numNodeTypes() + ")");
            }
        }
        for (byte t : graph.edgeType()) {
            if (t < 0 || t >= config.numEdgeTypes()) {
                throw new IllegalArgumentException("graph " + index + ": edge type code " + t + " outside [0, "
                        + config.numEdgeTypes() + ")");
            }
        }
        int[] s = graph.edgeSource();
        int[] d = graph.edgeTarget();
        float[] values = graph.edgeValue();
        for (int k = 0; k < s.length; k++) {
            if (s[k] < 0 || s[k] >= n || d[k] < 0 || d[k] >= n) {
                throw new IllegalArgumentException("graph " + index + ": edge " + k + " (" + s[k] + " -> " + d[k]
                        + ") references a node outside [0, " + n + ")");
            }
            if (!Float.isFinite(values[k])) {
                throw new IllegalArgumentException("graph " + index + ": edge " + k + " has a non-finite value " + values[k]);
            }
        }
    }

    private static int[] sortByTarget(int[] target, int numNodes) {
        int[] start = new int[numNodes + 1];
        for (int t : target) {
            start[t + 1]++;
        }
        for (int v = 0; v < numNodes; v++) {
            start[v + 1] += start[v];
        }
        int[] order = new int[target.length];
        for (int k = 0; k < target.length; k++) {
            order[start[target[k]]++] = k;
        }
        return order;
    }

    private static long clip(int value, int max) {
        return Math.max(0, Math.min(value, max));
    }

    private static long kernelSlot(short coordinate, GmnConfig config) {
        return coordinate < 0 ? 0 : 1 + clip(coordinate, config.maxKernelPosition());
    }

    /** The input arrays in the order {@link GmnBlock} expects. Owned by this batch: do not close. */
    NDList inputs() {
        return inputs;
    }

    public int numGraphs() {
        return numGraphs;
    }

    public int numNodes() {
        return numNodes;
    }

    public int numEdges() {
        return numEdges;
    }

    public int graphNodes(int graph) {
        return graphNodes[graph];
    }

    public int graphEdges(int graph) {
        return graphEdges[graph];
    }

    NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }
}
