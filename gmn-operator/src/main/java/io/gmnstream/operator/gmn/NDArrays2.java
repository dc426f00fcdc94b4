package io.gmnstream.operator.gmn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/** Small array helpers used by the GMN blocks. */
final class NDArrays2 {
    private NDArrays2() {
    }

    /** Concatenation along the feature axis (1); the result lives in the first operand's manager. */
    static NDArray concat(NDArray... parts) {
        NDArray first = parts[0];
        NDArray out = NDArrays.concat(new NDList(parts), 1);
        out.attach(first.getManager());
        return out;
    }
}
