package io.gmnstream.paramgraph.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.paramgraph.SizeLimitException;
import io.gmnstream.paramgraph.onnx.internal.GraphLowering;
import io.gmnstream.paramgraph.onnx.internal.InitializerDecoder;
import io.gmnstream.paramgraph.onnx.internal.OnnxModelReader;
import io.gmnstream.paramgraph.tensor.MapTensorSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Imports a PyTorch-exported ONNX model (opset 13 to 17) as a native layer spec plus its parameter
 * tensors, ready for {@link io.gmnstream.paramgraph.GraphBuilder}. Every failure is a typed
 * {@link io.gmnstream.paramgraph.GraphException}: malformed bytes, an unsupported operator (naming
 * the ONNX node and op type), a tensor whose shape disagrees with its node, or a size over the
 * {@link GraphLimits}. Stateless and thread-safe.
 */
public final class OnnxImporter {
    private final GraphLimits limits;
    private final OnnxModelReader reader;
    private final InitializerDecoder decoder;

    public OnnxImporter(GraphLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.reader = new OnnxModelReader(limits);
        this.decoder = new InitializerDecoder(limits);
    }

    public static OnnxImporter withDefaults() {
        return new OnnxImporter(GraphLimits.defaults());
    }

    public GraphLimits limits() {
        return limits;
    }

    public ImportedModel importModel(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ONNX file " + file, e);
        }
        if (size > limits.maxFileBytes()) {
            throw new SizeLimitException("size in bytes of ONNX file " + file.getFileName(), size, limits.maxFileBytes());
        }
        try {
            return importModel(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ONNX file " + file, e);
        }
    }

    public ImportedModel importModel(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        ModelProto model = reader.parse(bytes);
        int opset = OnnxModelReader.defaultOpset(model);
        GraphLowering.Result lowered = GraphLowering.lower(model.getGraph(), decoder);
        String producer = (model.getProducerName() + " " + model.getProducerVersion()).trim();
        return new ImportedModel(lowered.spec(), new MapTensorSource(lowered.tensors()), opset, producer);
    }
}
