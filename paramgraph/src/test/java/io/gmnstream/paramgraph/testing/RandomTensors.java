package io.gmnstream.paramgraph.testing;

import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.MapTensorSource;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded random parameter tensors with the shapes a spec expects (independent of the builder). */
public final class RandomTensors {
    private RandomTensors() {
    }

    public static MapTensorSource forSpec(NetworkSpec spec, long seed) {
        return MapTensorSource.of(list(spec, seed));
    }

    public static List<Tensor> list(NetworkSpec spec, long seed) {
        Random random = new Random(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (LayerSpec layer : spec.layers()) {
            for (Map.Entry<String, long[]> e : shapes(layer).entrySet()) {
                String name = layer.tensorName(e.getKey());
                out.put(name, random(name, e.getValue(), random));
            }
        }
        return new ArrayList<>(out.values());
    }

    public static Tensor random(String name, long[] shape, Random random) {
        float[] v = new float[(int) Tensor.elementCount(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Tensor.f32(name, shape, v);
    }

    /** Expected shape per role, written out from the table of docs/PARAMETER_GRAPHS.md. */
    public static Map<String, long[]> shapes(LayerSpec layer) {
        Map<String, long[]> m = new LinkedHashMap<>();
        if (layer instanceof LayerSpec.Linear l) {
            m.put("weight", l.transposedWeight() ? new long[] {l.inFeatures(), l.outFeatures()} : new long[] {l.outFeatures(), l.inFeatures()});
            if (l.bias()) {
                m.put("bias", new long[] {l.outFeatures()});
            }
        } else if (layer instanceof LayerSpec.Conv c) {
            long[] w = new long[2 + c.kernel().size()];
            w[0] = c.outChannels();
            w[1] = c.inChannels() / c.groups();
            for (int i = 0; i < c.kernel().size(); i++) {
                w[2 + i] = c.kernel().get(i);
            }
            m.put("weight", w);
            if (c.bias()) {
                m.put("bias", new long[] {c.outChannels()});
            }
        } else if (layer instanceof LayerSpec.BatchNorm b && b.affine()) {
            m.put("weight", new long[] {b.numFeatures()});
            m.put("bias", new long[] {b.numFeatures()});
        } else if (layer instanceof LayerSpec.GroupNorm g && g.affine()) {
            m.put("weight", new long[] {g.numChannels()});
            m.put("bias", new long[] {g.numChannels()});
        } else if (layer instanceof LayerSpec.InstanceNorm i && i.affine()) {
            m.put("weight", new long[] {i.numFeatures()});
            m.put("bias", new long[] {i.numFeatures()});
        } else if (layer instanceof LayerSpec.LayerNorm l && l.affine()) {
            long[] s = l.normalizedShape().stream().mapToLong(Integer::longValue).toArray();
            m.put("weight", s);
            if (l.bias()) {
                m.put("bias", s);
            }
        } else if (layer instanceof LayerSpec.Attention a) {
            long d = a.embedDim();
            if (a.packedProjection()) {
                m.put("in_proj_weight", a.transposedWeight() ? new long[] {d, 3 * d} : new long[] {3 * d, d});
                if (a.bias()) {
                    m.put("in_proj_bias", new long[] {3 * d});
                }
            } else {
                for (String r : LayerSpec.Attention.SPLIT_WEIGHTS) {
                    m.put(r, new long[] {d, d});
                }
                if (a.bias()) {
                    for (String r : LayerSpec.Attention.SPLIT_BIASES) {
                        m.put(r, new long[] {d});
                    }
                }
            }
            m.put("out_proj.weight", new long[] {d, d});
            if (a.bias()) {
                m.put("out_proj.bias", new long[] {d});
            }
        } else if (layer instanceof LayerSpec.Embedding e) {
            m.put("weight", new long[] {e.numEmbeddings(), e.embeddingDim()});
        }
        return m;
    }
}
