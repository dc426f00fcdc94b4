package io.gmnstream.paramgraph.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.gmnstream.paramgraph.GraphBuilder;
import io.gmnstream.paramgraph.NodeType;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.UnsupportedOperatorException;
import io.gmnstream.paramgraph.spec.InputLayout;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * nn.Embedding (Gather of a [V, d] initializer by the int64 input) becomes a token input and an
 * embedding layer; every other Gather, and every other reader of the token ids, is refused.
 */
class OnnxEmbeddingTest {
    private static final String CLASSIFIER = "token_embedding_classifier_op13.onnx";
    private static final String EMBEDDING_OUTPUT = "/emb/Gather_output_0";

    private final OnnxImporter importer = OnnxImporter.withDefaults();

    @Test
    void shouldImportTheInt64InputAsTokensReadByAnEmbedding() {
        ImportedModel model = importer.importModel(Fixtures.named(CLASSIFIER).bytes());

        assertThat(model.spec().input().layout()).isEqualTo(InputLayout.TOKENS);
        assertThat(model.spec().input().shape()).containsExactly(6);
        LayerSpec.Embedding emb = (LayerSpec.Embedding) model.spec().layers().get(0);
        assertThat(emb.numEmbeddings()).isEqualTo(20);
        assertThat(emb.embeddingDim()).isEqualTo(8);
        assertThat(emb.inputs()).containsExactly(NetworkSpec.INPUT);
        assertThat(emb.tensorName("weight")).isEqualTo("emb.weight");
        assertThat(model.tensors().get("emb.weight").shape()).containsExactly(20, 8);

        ParamGraph graph = GraphBuilder.withDefaults().build(model.spec(), model.tensors());
        assertThat(graph.nodeTypeCounts()).containsEntry(NodeType.EMBEDDING, 20);
        int[] positions = new int[20];
        int k = 0;
        for (int n = 0; n < graph.numNodes(); n++) {
            if (graph.nodeType()[n] == NodeType.EMBEDDING.code()) {
                positions[k++] = graph.nodePosition()[n];
            }
        }
        assertThat(positions).as("position = token id").containsExactly(IntStream.range(0, 20).toArray());
    }

    @Test
    void shouldRefuseAGatherOverAnActivationNamingTheNode() throws InvalidProtocolBufferException {
        byte[] bytes = edited(g -> {
            g.addInitializer(int64Scalar("first_token", 0));
            insertBeforeReduceMean(g, NodeProto.newBuilder().setName("/pick/Gather").setOpType("Gather")
                    .addInput(EMBEDDING_OUTPUT).addInput("first_token").addOutput("picked"), "picked");
        });
        assertRefused(bytes, "/pick/Gather", "Gather");
    }

    @Test
    void shouldRefuseAGatherOfAnInitializerWhoseIndicesAreNotTheTokenInput() throws InvalidProtocolBufferException {
        byte[] bytes = edited(g -> insertBeforeReduceMean(g, NodeProto.newBuilder().setName("/lookup/Gather")
                .setOpType("Gather").addInput("emb.weight").addInput(EMBEDDING_OUTPUT).addOutput("looked_up"), "looked_up"));
        assertRefused(bytes, "/lookup/Gather", "Gather");
    }

    @Test
    void shouldRefuseAGatherThatUsesTheTokenIdsAsItsData() throws InvalidProtocolBufferException {
        byte[] bytes = edited(g -> {
            g.addInitializer(int64Scalar("first_token", 0));
            g.getNodeBuilder(0).setInput(0, "input").setInput(1, "first_token");
        });
        assertRefused(bytes, "/emb/Gather", "Gather");
    }

    @Test
    void shouldRefuseTheTokenInputFeedingAnythingButAnEmbedding() throws InvalidProtocolBufferException {
        byte[] bytes = edited(g -> {
            g.addNode(0, NodeProto.newBuilder().setName("/ids/Cast").setOpType("Cast").addInput("input").addOutput("ids")
                    .addAttribute(AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT)
                            .setI(TensorProto.DataType.INT64_VALUE)));
            g.getNodeBuilder(1).setInput(1, "ids");
        });
        assertThatThrownBy(() -> importer.importModel(bytes)).isInstanceOfSatisfying(UnsupportedOperatorException.class, e -> {
            assertThat(e.nodeName()).isEqualTo("/ids/Cast");
            assertThat(e.opType()).isEqualTo("Cast");
            assertThat(e.getMessage()).contains("token");
        });
    }

    private void assertRefused(byte[] bytes, String node, String op) {
        assertThatThrownBy(() -> importer.importModel(bytes)).isInstanceOfSatisfying(UnsupportedOperatorException.class, e -> {
            assertThat(e.nodeName()).isEqualTo(node);
            assertThat(e.opType()).isEqualTo(op);
        });
    }

    /** The classifier fixture with its graph edited. */
    private static byte[] edited(Consumer<GraphProto.Builder> edit) throws InvalidProtocolBufferException {
        ModelProto.Builder model = ModelProto.parseFrom(Fixtures.named(CLASSIFIER).bytes()).toBuilder();
        edit.accept(model.getGraphBuilder());
        return model.build().toByteArray();
    }

    /** Inserts {@code node} between the embedding and the mean over the tokens. */
    private static void insertBeforeReduceMean(GraphProto.Builder g, NodeProto.Builder node, String output) {
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getOpType().equals("ReduceMean")) {
                g.getNodeBuilder(i).setInput(0, output);
                g.addNode(i, node);
                return;
            }
        }
        throw new IllegalStateException("no ReduceMean in " + CLASSIFIER);
    }

    private static TensorProto int64Scalar(String name, long value) {
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE).addInt64Data(value).build();
    }
}
