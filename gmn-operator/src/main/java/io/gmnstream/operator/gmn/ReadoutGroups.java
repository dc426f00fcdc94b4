package io.gmnstream.operator.gmn;

/**
 * The groups the readout averages separately, per graph: nodes are input neurons, output neurons
 * or the rest (hidden neurons, channels, biases, norm parameters); edges leave an input node,
 * enter an output node, or neither. Inputs and outputs are the only neurons whose identity a
 * relabelling cannot change, so splitting by them keeps the readout permutation invariant. The
 * first and last layers carry most of the signal about training progress (an untrained output
 * layer is visible at once), and one mean over all nodes drowned their few neurons in the hidden
 * ones.
 */
final class ReadoutGroups {
    static final int COUNT = 3;
    static final int INPUT = 0;
    static final int OUTPUT = 1;
    static final int OTHER = 2;

    private ReadoutGroups() {
    }

    /** Input: layer 0 with a position; output: a later layer with a position; the rest have position -1. */
    static int ofNode(int layer, int position) {
        if (position < 0) {
            return OTHER;
        }
        return layer == 0 ? INPUT : OUTPUT;
    }

    /** An edge's group from its endpoints' groups: leaving the input wins over entering the output. */
    static int ofEdge(int sourceGroup, int targetGroup) {
        if (sourceGroup == INPUT) {
            return INPUT;
        }
        return targetGroup == OUTPUT ? OUTPUT : OTHER;
    }
}
