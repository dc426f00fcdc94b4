package io.gmnstream.schemas.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.paramgraph.ParamGraph;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParamGraphRecordsTest {

  /** Two inputs, one output, a bias node: three weights and one residual edge. */
  private static ParamGraph tinyGraph() {
    return new ParamGraph(
        new byte[] {0, 0, 1, 2},
        new short[] {0, 0, 1, 1},
        new int[] {0, 1, 0, -1},
        new int[] {0, 1, 3, 0},
        new int[] {2, 2, 2, 2},
        new float[] {0.5f, -1.25f, Float.NaN, 1f},
        new short[] {0, 0, 0, 0},
        new byte[] {0, 0, 1, 3},
        new short[] {-1, -1, -1, 1, 2, 3, -1, -1, -1, -1, -1, -1},
        3, 1, List.of());
  }

  private static io.gmnstream.schemas.avro.ParamGraph record(ParamGraph graph) {
    return ParamGraphRecords.toRecord(graph)
        .setRunId("run-1").setStep(7).setTask("digits-8x8").setBuilderVersion("test")
        .setCheckpointCreatedAtMillis(Instant.EPOCH).setBuiltAtMillis(Instant.EPOCH).setBuildMillis(0.1)
        .build();
  }

  @Test
  void roundTripKeepsEveryArrayBitForBit() {
    ParamGraph graph = tinyGraph();
    ParamGraph back = ParamGraphRecords.toGraph(record(graph));

    assertThat(back.nodeType()).containsExactly(graph.nodeType());
    assertThat(back.nodeLayer()).containsExactly(graph.nodeLayer());
    assertThat(back.nodePosition()).containsExactly(graph.nodePosition());
    assertThat(back.edgeSource()).containsExactly(graph.edgeSource());
    assertThat(back.edgeTarget()).containsExactly(graph.edgeTarget());
    assertThat(back.edgeValue()).usingElementComparator(Float::compare).containsExactly(0.5f, -1.25f, Float.NaN, 1f);
    assertThat(back.edgeLayer()).containsExactly(graph.edgeLayer());
    assertThat(back.edgeType()).containsExactly(graph.edgeType());
    assertThat(back.edgePosition()).containsExactly(graph.edgePosition());
    assertThat(back.numParameters()).isEqualTo(3);
    assertThat(back.numResidualEdges()).isEqualTo(1);
  }

  @Test
  void arraysArePackedLittleEndian() {
    io.gmnstream.schemas.avro.ParamGraph record = record(tinyGraph());
    ByteBuffer sources = record.getEdgeSource().duplicate();
    assertThat(sources.remaining()).isEqualTo(16);
    assertThat(sources.get(8)).isEqualTo((byte) 3);
    assertThat(sources.get(11)).isZero();
  }

  @Test
  void refusesAnArrayOfTheWrongLength() {
    io.gmnstream.schemas.avro.ParamGraph record = record(tinyGraph());
    record.setEdgeValue(ByteBuffer.allocate(12));
    assertThatThrownBy(() -> ParamGraphRecords.toGraph(record))
        .isInstanceOf(MalformedGraphRecordException.class)
        .hasMessage("edgeValue holds 12 bytes, expected 4 x 4");
  }

  @Test
  void refusesAnEdgeToANodeThatDoesNotExist() {
    io.gmnstream.schemas.avro.ParamGraph record = record(tinyGraph());
    record.setEdgeTarget(ByteBuffer.wrap(new byte[] {2, 0, 0, 0, 2, 0, 0, 0, 9, 0, 0, 0, 2, 0, 0, 0}));
    assertThatThrownBy(() -> ParamGraphRecords.toGraph(record))
        .isInstanceOf(MalformedGraphRecordException.class)
        .hasMessage("edgeTarget[2] = 9 is not a node id (graph has 4 nodes)");
  }

  @Test
  void refusesCountsThatDisagree() {
    io.gmnstream.schemas.avro.ParamGraph record = record(tinyGraph());
    record.setNumResidualEdges(0);
    assertThatThrownBy(() -> ParamGraphRecords.toGraph(record))
        .isInstanceOf(MalformedGraphRecordException.class)
        .hasMessage("numEdges 4 != numParameters 3 + numResidualEdges 0");
  }
}
