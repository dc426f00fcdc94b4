package io.gmnstream.paramgraph.onnx.internal;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.paramgraph.MalformedInputException;
import io.gmnstream.paramgraph.SizeLimitException;
import io.gmnstream.paramgraph.UnsupportedOperatorException;

/**
 * Parses ONNX bytes into a {@link ModelProto} and checks the parts the importer relies on, so
 * that protobuf exceptions never leave this class.
 */
public final class OnnxModelReader {
    /** Opsets whose PyTorch export patterns the importer was written and tested against. */
    public static final int MIN_OPSET = 13;
    public static final int MAX_OPSET = 17;
    // Nested messages in an ONNX model are shallow (model > graph > node > attribute > graph);
    // a small limit stops crafted inputs from recursing deeply.
    private static final int RECURSION_LIMIT = 32;

    private final GraphLimits limits;

    public OnnxModelReader(GraphLimits limits) {
        this.limits = limits;
    }

    public ModelProto parse(byte[] bytes) {
        if (bytes.length > limits.maxFileBytes()) {
            throw new SizeLimitException("ONNX file size in bytes", bytes.length, limits.maxFileBytes());
        }
        if (bytes.length == 0) {
            throw new MalformedInputException(0, "empty file; expected an ONNX ModelProto");
        }
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        in.setRecursionLimit(RECURSION_LIMIT);
        in.setSizeLimit(bytes.length);
        ModelProto model;
        try {
            model = ModelProto.parseFrom(in);
            in.checkLastTagWas(0);
        } catch (InvalidProtocolBufferException e) {
            // getTotalBytesRead is where the decoder stopped: the offset of the bad field or of the
            // end of a truncated one.
            throw new MalformedInputException(in.getTotalBytesRead(),
                    "not a valid ONNX protobuf (" + e.getMessage() + "); re-export the model", e);
        } catch (java.io.IOException e) {
            throw new MalformedInputException(in.getTotalBytesRead(), "cannot read ONNX protobuf: " + e.getMessage(), e);
        }
        // Random bytes can parse as a message with only unknown fields; the offset is 0 because the
        // problem is the whole message, not one field.
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new MalformedInputException(0, "no graph with nodes in the ONNX model (" + bytes.length
                    + " bytes parsed); is this an ONNX file?");
        }
        if (model.getIrVersion() <= 0) {
            throw new MalformedInputException(0, "ONNX model has no ir_version; is this an ONNX file?");
        }
        return model;
    }

    /** The default-domain opset, checked against the supported range. */
    public static int defaultOpset(ModelProto model) {
        int opset = -1;
        for (OperatorSetIdProto id : model.getOpsetImportList()) {
            if (id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx")) {
                opset = (int) Math.min(Integer.MAX_VALUE, id.getVersion());
            }
        }
        if (opset < 0) {
            throw new MalformedInputException(0, "ONNX model imports no default-domain opset");
        }
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new UnsupportedOperatorException("<model>", "opset " + opset,
                    "only opsets " + MIN_OPSET + " to " + MAX_OPSET
                            + " are supported; re-export with torch.onnx.export(..., opset_version=17)");
        }
        return opset;
    }
}
