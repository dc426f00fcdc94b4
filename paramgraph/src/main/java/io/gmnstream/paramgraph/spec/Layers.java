package io.gmnstream.paramgraph.spec;

import io.gmnstream.paramgraph.spec.LayerSpec.PoolKind;
import java.util.List;
import java.util.Map;

/** Terse factories with the defaults of docs/PARAMETER_GRAPHS.md; refine with the records' {@code with...} methods. */
public final class Layers {
    private Layers() {
    }

    public static LayerSpec.Linear linear(String name, int in, int out) {
        return new LayerSpec.Linear(name, List.of(), Map.of(), in, out, true, false);
    }

    /** Conv with the same kernel size along each of {@code rank} spatial dimensions. */
    public static LayerSpec.Conv conv(String name, int in, int out, int rank, int kernel) {
        return conv(name, in, out, Checks.filled(rank, kernel));
    }

    public static LayerSpec.Conv conv(String name, int in, int out, List<Integer> kernel) {
        return new LayerSpec.Conv(name, List.of(), Map.of(), in, out, kernel, null, null, null, 1, true);
    }

    public static LayerSpec.Conv conv1d(String name, int in, int out, int kernel) {
        return conv(name, in, out, 1, kernel);
    }

    public static LayerSpec.Conv conv2d(String name, int in, int out, int kernel) {
        return conv(name, in, out, 2, kernel);
    }

    public static LayerSpec.Conv conv3d(String name, int in, int out, int kernel) {
        return conv(name, in, out, 3, kernel);
    }

    public static LayerSpec.BatchNorm batchNorm(String name, int features) {
        return new LayerSpec.BatchNorm(name, List.of(), Map.of(), features, true);
    }

    public static LayerSpec.LayerNorm layerNorm(String name, Integer... normalizedShape) {
        return new LayerSpec.LayerNorm(name, List.of(), Map.of(), List.of(normalizedShape), true, true);
    }

    public static LayerSpec.GroupNorm groupNorm(String name, int groups, int channels) {
        return new LayerSpec.GroupNorm(name, List.of(), Map.of(), groups, channels, true);
    }

    public static LayerSpec.InstanceNorm instanceNorm(String name, int features, boolean affine) {
        return new LayerSpec.InstanceNorm(name, List.of(), Map.of(), features, affine);
    }

    public static LayerSpec.Attention attention(String name, int embedDim, int heads) {
        return new LayerSpec.Attention(name, List.of(), Map.of(), embedDim, heads, true, true, false, false);
    }

    public static LayerSpec.Embedding embedding(String name, int vocabulary, int dim) {
        return new LayerSpec.Embedding(name, List.of(), Map.of(), vocabulary, dim);
    }

    public static LayerSpec.Add add(String name, String a, String b) {
        return new LayerSpec.Add(name, List.of(a, b));
    }

    public static LayerSpec.Activation activation(String name, String fn) {
        return new LayerSpec.Activation(name, List.of(), fn);
    }

    public static LayerSpec.Activation relu(String name) {
        return activation(name, "relu");
    }

    public static LayerSpec.Pool maxPool(String name, Integer... kernel) {
        return new LayerSpec.Pool(name, List.of(), PoolKind.MAX, List.of(kernel), null, null);
    }

    public static LayerSpec.Pool avgPool(String name, Integer... kernel) {
        return new LayerSpec.Pool(name, List.of(), PoolKind.AVG, List.of(kernel), null, null);
    }

    public static LayerSpec.GlobalPool globalAvgPool(String name) {
        return new LayerSpec.GlobalPool(name, List.of(), PoolKind.AVG);
    }

    public static LayerSpec.GlobalPool globalMaxPool(String name) {
        return new LayerSpec.GlobalPool(name, List.of(), PoolKind.MAX);
    }

    public static LayerSpec.Flatten flatten(String name) {
        return new LayerSpec.Flatten(name, List.of());
    }

    public static LayerSpec.Dropout dropout(String name) {
        return new LayerSpec.Dropout(name, List.of());
    }

    public static LayerSpec.Identity identity(String name) {
        return new LayerSpec.Identity(name, List.of());
    }
}
