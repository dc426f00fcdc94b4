package io.gmnstream.operator.train;

import java.util.Arrays;

/**
 * What a training run measured.
 *
 * @param epochLoss               mean training loss of each epoch
 * @param trainAccuracy           accuracy on the train split after training (dropout off)
 * @param testAccuracy            accuracy on the test split after training
 * @param steps                   optimiser steps taken
 * @param liveArraysAfterEpoch    arrays alive in the network's manager after each epoch (flat when nothing leaks)
 */
public record TrainingReport(float[] epochLoss, double trainAccuracy, double testAccuracy, int steps,
                             int[] liveArraysAfterEpoch) {
    public TrainingReport {
        epochLoss = epochLoss.clone();
        liveArraysAfterEpoch = liveArraysAfterEpoch.clone();
    }

    @Override
    public float[] epochLoss() {
        return epochLoss.clone();
    }

    @Override
    public int[] liveArraysAfterEpoch() {
        return liveArraysAfterEpoch.clone();
    }

    public float firstEpochLoss() {
        return epochLoss[0];
    }

    public float lastEpochLoss() {
        return epochLoss[epochLoss.length - 1];
    }

    @Override
    public String toString() {
        return String.format("TrainingReport[steps=%d, loss %.4f -> %.4f, train %.4f, test %.4f, live arrays %s]",
                steps, firstEpochLoss(), lastEpochLoss(), trainAccuracy, testAccuracy, Arrays.toString(liveArraysAfterEpoch));
    }
}
