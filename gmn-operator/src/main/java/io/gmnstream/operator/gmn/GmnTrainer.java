package io.gmnstream.operator.gmn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Adam steps for a {@link GmnModel}. Each step runs in its own sub-manager with the batch's arrays
 * lent to it (all temporaries die with it, trap 4); constants and targets are engine-made and stay
 * open until after backward (traps 1 and 3); gradients are zeroed after the update, because
 * PyTorch accumulates into {@code .grad} and DJL 0.35.1's collector does not clear it.
 */
public final class GmnTrainer {
    private final GmnModel model;
    private final GmnLoss loss;
    private final float huberDelta;
    private final float[] targetWeights;
    private final Optimizer optimizer;
    private final List<Parameter> parameters;

    /** A fixed learning rate and both targets weighted 1. */
    public GmnTrainer(GmnModel model, GmnLoss loss, float learningRate, float huberDelta) {
        this(model, loss, Tracker.fixed(checkPositive(learningRate)), huberDelta, new float[] {1f, 1f});
    }

    /**
     * @param learningRate  Adam's learning rate per update count (a schedule)
     * @param targetWeights loss weight of (accuracy, gap): the targets live on different scales, so
     *                      without weights the larger one drowns the other's gradient
     */
    public GmnTrainer(GmnModel model, GmnLoss loss, Tracker learningRate, float huberDelta, float[] targetWeights) {
        this.model = Objects.requireNonNull(model, "model");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.huberDelta = checkPositive(huberDelta);
        if (targetWeights == null || targetWeights.length != 2 || !(targetWeights[0] >= 0f) || !(targetWeights[1] >= 0f)
                || Float.isInfinite(targetWeights[0]) || Float.isInfinite(targetWeights[1])) {
            throw new IllegalArgumentException("targetWeights must be two finite non-negative numbers");
        }
        this.targetWeights = targetWeights.clone();
        this.optimizer = Optimizer.adam().optLearningRateTracker(Objects.requireNonNull(learningRate, "learningRate")).build();
        this.parameters = new ArrayList<>(model.block().getParameters().values());
    }

    private static float checkPositive(float v) {
        if (!(v > 0f) || Float.isInfinite(v)) {
            throw new IllegalArgumentException("learningRate and huberDelta must be positive, got " + v);
        }
        return v;
    }

    /**
     * One optimiser step.
     *
     * @param targets per graph (accuracy, gap), row-major [G * 2]
     * @return the loss before the update
     */
    public float step(GraphBatch batch, float[] targets) {
        return run(batch, targets, null, true).loss;
    }

    /** The loss on a batch without updating (no gradients kept). */
    public float loss(GraphBatch batch, float[] targets) {
        try (NDManager step = model.manager().newSubManager()) {
            step.tempAttachAll(batch.inputs().toArray(new NDArray[0]));
            NDArray target = OwnedArrays.floats(step, checkTargets(batch, targets), new Shape(batch.numGraphs(), 2));
            return loss.compute(model.forward(batch.inputs(), false), target, huberDelta, weights(step)).getFloat();
        }
    }

    /** Gradients of the loss (no update), with {@code betweenForwardAndBackward} run in between; for tests. */
    float[][] gradients(GraphBatch batch, float[] targets, Runnable betweenForwardAndBackward) {
        return run(batch, targets, betweenForwardAndBackward, false).gradients;
    }

    private record Result(float loss, float[][] gradients) {
    }

    private Result run(GraphBatch batch, float[] targets, Runnable hook, boolean update) {
        float[] checked = checkTargets(batch, targets);
        try (NDManager step = model.manager().newSubManager()) {
            step.tempAttachAll(batch.inputs().toArray(new NDArray[0]));
            NDArray target = OwnedArrays.floats(step, checked, new Shape(batch.numGraphs(), 2));
            NDArray value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                value = loss.compute(model.forward(batch.inputs(), true), target, huberDelta, weights(step));
                if (hook != null) {
                    hook.run();
                }
                collector.backward(value);
            }
            float[][] grads = update ? null : new float[parameters.size()][];
            for (int i = 0; i < parameters.size(); i++) {
                Parameter p = parameters.get(i);
                NDArray weight = p.getArray();
                // getGradient() makes a new handle in the parameter's long-lived manager: close it.
                try (NDArray gradient = weight.getGradient()) {
                    if (update) {
                        optimizer.update(p.getId(), weight, gradient);
                    } else {
                        grads[i] = gradient.toFloatArray();
                    }
                    gradient.subi(gradient);
                }
            }
            return new Result(value.getFloat(), grads);
        }
    }

    private NDArray weights(NDManager m) {
        return OwnedArrays.floats(m, targetWeights, new Shape(1, 2));
    }

    private static float[] checkTargets(GraphBatch batch, float[] targets) {
        if (targets == null || targets.length != 2 * batch.numGraphs()) {
            throw new IllegalArgumentException("targets must hold 2 values per graph (" + 2 * batch.numGraphs()
                    + "), got " + (targets == null ? "null" : targets.length));
        }
        for (float t : targets) {
            if (!Float.isFinite(t)) {
                throw new IllegalArgumentException("targets must be finite, got " + t);
            }
        }
        return targets;
    }
}
