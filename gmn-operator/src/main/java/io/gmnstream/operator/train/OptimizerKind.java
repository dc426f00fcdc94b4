package io.gmnstream.operator.train;

/** The optimisers the trainer offers. */
public enum OptimizerKind {
    /** Stochastic gradient descent, with optional momentum. */
    SGD,
    /** Adam (coupled L2 weight decay, as DJL implements it). */
    ADAM
}
