package io.gmnstream.operator.train;

/**
 * Told after every epoch of {@link DenseTrainer#fit(DenseNetwork, io.gmnstream.operator.data.TaskData, EpochListener)},
 * e.g. to take a checkpoint. The network is live: read or export it here, do not close it.
 */
@FunctionalInterface
public interface EpochListener {
    void afterEpoch(EpochEnd end);

    /**
     * @param network  the network being trained
     * @param epoch    1-based epoch just finished (or cut short by divergence)
     * @param steps    optimiser steps taken so far
     * @param meanLoss mean training loss of the epoch's batches (non-finite when diverged)
     * @param diverged the loss became NaN or infinite in this epoch; training stops after this call
     */
    record EpochEnd(DenseNetwork network, int epoch, int steps, float meanLoss, boolean diverged) {
    }
}
