package io.gmnstream.operator.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A DJL network built from a spec (dense, conv or attention: the name is historical), owning the
 * manager its parameters live in. Parameters are bound to spec tensor names, so export needs no
 * name guessing. Close it to free native memory. Not thread-safe.
 */
public final class DenseNetwork implements AutoCloseable {
    private final NetworkSpec spec;
    private final Block block;
    private final List<BoundParameter> parameters;
    private final int inputWidth;
    private final int outputWidth;
    private final NDManager manager;
    private final ParameterStore parameterStore;

    DenseNetwork(NetworkSpec spec, Block block, List<BoundParameter> parameters, int inputWidth, int outputWidth,
                 NDManager manager) {
        this.spec = spec;
        this.block = block;
        this.parameters = parameters;
        this.inputWidth = inputWidth;
        this.outputWidth = outputWidth;
        this.manager = manager;
        // copy=false: one device, the store hands out the parameter arrays themselves.
        this.parameterStore = new ParameterStore(manager, false);
    }

    public NetworkSpec spec() {
        return spec;
    }

    /** Floats per sample: the product of the spec's input shape. */
    public int inputWidth() {
        return inputWidth;
    }

    /** Number of trainable scalars: the parameter graph's {@code numParameters}. */
    public long parameterCount() {
        return parameters.stream().mapToLong(p -> p.parameter().getArray().size()).sum();
    }

    public int outputWidth() {
        return outputWidth;
    }

    /** Trainable parameters in spec order, each with its spec tensor name (exactly the graph's edges). */
    public List<BoundParameter> parameters() {
        return parameters;
    }

    NDManager manager() {
        return manager;
    }

    /** Number of arrays alive in the network's manager (its sub-managers included): a leak gauge. */
    public int managedArrayCount() {
        return manager.getManagedArrays().size();
    }

    /** Logits [batch, outputWidth] for a batch laid out by {@link SampleLayout}; results attach to {@code x}'s manager. */
    NDArray forward(NDArray x, boolean training) {
        return block.forward(parameterStore, new NDList(x), training).singletonOrThrow();
    }

    /** The current parameters as float32 tensors named and shaped as the spec expects (copies). */
    public List<Tensor> exportTensors() {
        List<Tensor> out = new ArrayList<>(parameters.size());
        for (BoundParameter p : parameters) {
            NDArray array = p.parameter().getArray();
            out.add(Tensor.f32(p.tensorName(), array.getShape().getShape(), array.toFloatArray()));
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return "DenseNetwork[" + inputWidth + " -> " + outputWidth + ", " + Arrays.toString(
                parameters.stream().map(BoundParameter::tensorName).toArray()) + "]";
    }
}
