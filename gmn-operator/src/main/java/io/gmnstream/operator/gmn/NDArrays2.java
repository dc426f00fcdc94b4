package io.gmnstream.operator.gmn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;

/** Small array helpers used by the GMN blocks. */
final class NDArrays2 {
    private NDArrays2() {
    }

    /**
     * Rows of {@code table} [R, H] picked by {@code indices} [E] (int64): [E, H], in the indices'
     * manager. Through torch's embedding (index_select) rather than {@code table.get(indices)},
     * whose advanced-indexing kernel was 8x slower for [40k, 32] gathers on 2 CPU threads; the
     * gradient to the table is the same (a sum over repeated indices).
     */
    static NDArray gatherRows(NDArray table, NDArray indices) {
        NDArray out = Embedding.embedding(indices, table, SparseFormat.DENSE).singletonOrThrow();
        out.attach(indices.getManager());
        return out;
    }

    /** Concatenation along the feature axis (1); the result lives in the first operand's manager. */
    static NDArray concat(NDArray... parts) {
        NDArray first = parts[0];
        NDArray out = NDArrays.concat(new NDList(parts), 1);
        out.attach(first.getManager());
        return out;
    }
}
