package io.gmnstream.paramgraph;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.paramgraph.testing.Networks;
import io.gmnstream.paramgraph.testing.RandomTensors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SizesTableTest {

    static Stream<Networks.SizeRow> rows() {
        return Networks.sizesTable().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void shouldMatchTheHandComputedSizesOfTheDesignTable(Networks.SizeRow row) {
        ParamGraph g = GraphBuilder.withDefaults().build(row.spec(), RandomTensors.forSpec(row.spec(), 7));

        assertThat(g.numNodes()).as("nodes of %s", row.name()).isEqualTo(row.nodes());
        assertThat(g.numEdges()).as("edges of %s", row.name()).isEqualTo(row.edges());
        assertThat(g.numResidualEdges()).isZero();
        assertThat(g.numParameters()).isEqualTo(row.edges());
    }
}
