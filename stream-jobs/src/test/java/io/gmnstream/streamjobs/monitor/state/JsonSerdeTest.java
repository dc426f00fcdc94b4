package io.gmnstream.streamjobs.monitor.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.streamjobs.monitor.alerts.ActiveAlert;
import io.gmnstream.streamjobs.monitor.alerts.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

  @Test
  void shouldRoundTripARunStateIncludingNaNAndNulls() {
    RunState state = new RunState("run-a", "cifar10",
        List.of(new HistoryPoint(1, 0.5, 0.1, 0.48, 10), new HistoryPoint(2, Double.NaN, 0.1, null, 20)),
        2, 1, 0.5, 1, 20, 30, 40, new WeightSnapshot(2, 3.5), null,
        Map.of("dead_units", new ActiveAlert("run-a/dead_units/2", Severity.WARNING, 2, 30)));
    JsonSerde<RunState> serde = new JsonSerde<>(RunState.class);

    RunState read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));

    assertThat(read).isEqualTo(state);
  }

  @Test
  void shouldIgnoreFieldsAddedByANewerVersion() {
    JsonSerde<WeightSnapshot> serde = new JsonSerde<>(WeightSnapshot.class);

    WeightSnapshot read = serde.deserializer().deserialize("t",
        "{\"step\":3,\"l2Norm\":1.5,\"addedLater\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(read).isEqualTo(new WeightSnapshot(3, 1.5));
  }
}
