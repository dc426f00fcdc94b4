package io.gmnstream.paramgraph.internal;

import io.gmnstream.paramgraph.EdgeType;
import io.gmnstream.paramgraph.InvalidSpecException;
import io.gmnstream.paramgraph.NodeRange;
import io.gmnstream.paramgraph.NodeType;
import io.gmnstream.paramgraph.PositionGrid;
import io.gmnstream.paramgraph.spec.LayerSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Convolution (1d/2d/3d, grouped and depthwise): c_out channel nodes; output channel o of group
 * g = o / (c_out/groups) gets one conv_weight edge from each input channel of that group per kernel
 * position, tagged with the position; a channel_bias node with c_out edges. Stride, padding and
 * dilation only update the tracked spatial size.
 */
final class ConvRule implements LayerRule<LayerSpec.Conv> {

    @Override
    public LayerResult plan(LayerSpec.Conv s, List<NodeSet> inputs, Planner planner) {
        NodeSet x = inputs.get(0);
        int rank = s.spatialRank();
        if (x.kind() != NodeSet.Kind.MAP || x.spatial().length != rank) {
            throw new InvalidSpecException(s.name(), "kernel", "a conv with a " + rank + "-d kernel needs a channel map with "
                    + rank + " spatial dimensions, but the input is a " + x.describe());
        }
        if (x.count() != s.inChannels()) {
            throw new InvalidSpecException(s.name(), "inChannels", "is " + s.inChannels() + " but the input is a " + x.describe());
        }
        int[] spatial = x.spatial();
        int[] outSpatial = new int[rank];
        for (int i = 0; i < rank; i++) {
            long span = (long) s.dilation().get(i) * (s.kernel().get(i) - 1) + 1;
            long size = (spatial[i] + 2L * s.padding().get(i) - span) / s.stride().get(i) + 1;
            if (spatial[i] + 2L * s.padding().get(i) < span) {
                throw new InvalidSpecException(s.name(), "kernel", "the dilated kernel (" + span + ") is larger than the padded input ("
                        + (spatial[i] + 2L * s.padding().get(i)) + ") along spatial axis " + i + " of the " + x.describe());
            }
            outSpatial[i] = (int) size;
        }
        int layer = planner.newLayerIndex();
        int outC = s.outChannels();
        int inPerGroup = s.inChannels() / s.groups();
        PositionGrid kernel = new PositionGrid(s.kernel());
        int k = kernel.size();
        NodeRange out = planner.addNodes(NodeType.CHANNEL, outC, layer, false);
        int biasNode = s.bias() ? planner.addNodes(NodeType.CHANNEL_BIAS, 1, layer, false).start() : -1;
        long[] wShape = new long[2 + rank];
        wShape[0] = outC;
        wShape[1] = inPerGroup;
        for (int i = 0; i < rank; i++) {
            wShape[2 + i] = s.kernel().get(i);
        }
        TensorRef weight = planner.require(s, "weight", wShape);
        TensorRef bias = s.bias() ? planner.require(s, "bias", outC) : null;
        List<TensorRef> refs = new ArrayList<>();
        refs.add(weight);
        if (bias != null) {
            refs.add(bias);
        }
        LayerResult.Emitter emitter = a -> {
            int row = inPerGroup * k;
            int off = weight.edgeOffset();
            a.values(off, weight.values());
            a.meta(off, weight.edgeCount(), layer, EdgeType.CONV_WEIGHT);
            // one output channel's row: input channel i (relative to its group) at kernel position p
            int[] relSource = new int[row];
            short[] kernelPositions = kernel.encodeAll();
            short[] rowPositions = new short[3 * row];
            for (int i = 0; i < inPerGroup; i++) {
                Arrays.fill(relSource, i * k, (i + 1) * k, i);
                System.arraycopy(kernelPositions, 0, rowPositions, 3 * i * k, 3 * k);
            }
            int outPerGroup = outC / s.groups();
            for (int o = 0; o < outC; o++) {
                int base = x.start() + (o / outPerGroup) * inPerGroup;
                int rowStart = off + o * row;
                for (int j = 0; j < row; j++) {
                    a.source[rowStart + j] = base + relSource[j];
                }
                Arrays.fill(a.target, rowStart, rowStart + row, out.start() + o);
            }
            a.repeatPositions(off, rowPositions, outC);
            if (bias != null) {
                a.fan(bias.edgeOffset(), biasNode, out.start(), outC, 1, bias.values(), layer, EdgeType.CONV_BIAS);
            }
        };
        return new LayerResult(NodeSet.map(out, layer, outSpatial), layer, x.nodes(), NodeRange.EMPTY, PositionGrid.NONE, false,
                refs, emitter);
    }
}
