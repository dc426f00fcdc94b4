package io.gmnstream.streamjobs.monitor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.streamjobs.monitor.alerts.Severity;
import io.gmnstream.streamjobs.monitor.rules.RulesConfig;
import io.gmnstream.streamjobs.monitor.support.EmbeddedStack;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The topology's shape: names that upgrades can rely on. */
@ExtendWith(EmbeddedStack.Extension.class)
class MonitorTopologyTest {

  @Test
  void shouldNameEveryProcessorStoreAndInternalTopic(EmbeddedStack stack) {
    String description = MonitorTopology.buildTopology(MonitorTopologyConfig.defaults(),
        MonitorSerdes.avro(stack.client())).describe().toString();

    assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-")
        .contains(MonitorTopology.SOURCE, MonitorTopology.RUN_PROCESSOR, MonitorTopology.PEER_PROCESSOR,
            MonitorTopology.SINK, MonitorTopology.RUN_STATE_STORE, MonitorTopology.PEER_STATE_STORE,
            MonitorTopology.PEERS_BY_TASK + "-repartition", MonitorTopology.PEER_VERDICTS + "-repartition");
  }

  @Test
  void shouldLeaveOutThePeerBranchWhenBelowPeersIsDisabled(EmbeddedStack stack) {
    RulesConfig rules = RulesConfig.defaults()
        .withBelowPeers(new RulesConfig.BelowPeers(false, 0.25, 3, Severity.WARNING, 1_000));

    String description = MonitorTopology.buildTopology(MonitorTopologyConfig.defaults().withRules(rules),
        MonitorSerdes.avro(stack.client())).describe().toString();

    assertThat(description).doesNotContain(MonitorTopology.PEERS_BY_TASK, MonitorTopology.PEER_STATE_STORE,
        MonitorTopology.PEER_VERDICTS);
  }

  @Test
  void shouldLetOnlyTheRunMonitorWriteTheRunState(EmbeddedStack stack) {
    TopologyDescription description = MonitorTopology.buildTopology(MonitorTopologyConfig.defaults(),
        MonitorSerdes.avro(stack.client())).describe();

    assertThat(description.subtopologies().stream().flatMap(s -> s.nodes().stream())
        .filter(node -> node instanceof TopologyDescription.Processor processor
            && processor.stores().contains(MonitorTopology.RUN_STATE_STORE))
        .map(TopologyDescription.Node::name))
        .as("below_peers verdicts reach the run state through run-monitor")
        .containsExactly(MonitorTopology.RUN_PROCESSOR);
  }
}
