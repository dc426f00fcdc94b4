package io.gmnstream.streamjobs.monitor.topology;

import static io.gmnstream.streamjobs.monitor.support.Scores.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.streamjobs.monitor.alerts.ActiveAlert;
import io.gmnstream.streamjobs.monitor.alerts.RuleName;
import io.gmnstream.streamjobs.monitor.alerts.Severity;
import io.gmnstream.streamjobs.monitor.state.JsonSerde;
import io.gmnstream.streamjobs.monitor.state.RunState;
import io.gmnstream.streamjobs.monitor.support.Scores;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The run side's handling of below_peers verdicts, in any order: the topology always delivers a
 * run's score before the verdict derived from it, so these cases are driven here directly.
 */
class RunMonitorProcessorTest {

  private static final long T0 = Scores.T0.toEpochMilli();
  private static final PeerVerdict FIRING =
      new PeerVerdict(new ActiveAlert("laggard/below_peers/1", Severity.WARNING, 1, T0));
  private static final PeerVerdict RESOLVED = new PeerVerdict(null);

  private final MockProcessorContext<String, RunAlert> context = new MockProcessorContext<>();
  private KeyValueStore<String, RunState> store;
  private RunMonitorProcessor processor;

  @BeforeEach
  void setUp() {
    store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MonitorTopology.RUN_STATE_STORE),
        Serdes.String(), new JsonSerde<>(RunState.class)).withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    context.setCurrentSystemTimeMs(T0);
    processor = new RunMonitorProcessor(MonitorTopologyConfig.defaults());
    processor.init(context);
  }

  private void send(String runId, RunEvent event) {
    processor.process(new Record<>(runId, event, T0));
  }

  @Test
  void shouldIgnoreAVerdictForARunWithoutAScore() {
    send("laggard", FIRING);

    assertThat(store.get("laggard")).as("no run without a score").isNull();

    send("laggard", new RunEvent.Scored(of("laggard", 1, 0.5).build()));
    assertThat(store.get("laggard").activeAlerts()).as("the skipped verdict left nothing behind").isEmpty();
    assertThat(store.get("laggard").scores()).isEqualTo(1);
  }

  @Test
  void shouldRecordFiringAndResolvedVerdictsWithoutPublishingAnything() {
    send("laggard", new RunEvent.Scored(of("laggard", 1, 0.5).build()));
    RunState scored = store.get("laggard");

    send("laggard", FIRING);
    assertThat(store.get("laggard").activeAlert(RuleName.BELOW_PEERS)).contains(FIRING.alert());
    assertThat(store.get("laggard").withAlert(RuleName.BELOW_PEERS, Optional.empty()))
        .as("nothing but the alert changed").isEqualTo(scored);

    send("laggard", RESOLVED);
    assertThat(store.get("laggard")).isEqualTo(scored);
    assertThat(context.forwarded()).as("the peer comparison publishes below_peers, not the run side").isEmpty();
  }
}
