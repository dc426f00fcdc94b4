package io.gmnstream.streamjobs.monitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.schemas.avro.AlertSeverity;
import io.gmnstream.schemas.avro.AlertStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertGateTest {

  private static final long T = 1_000_000L;
  private final AlertGate gate = new AlertGate(Duration.ofMinutes(10));
  private final Verdict warning = Verdict.firing(Severity.WARNING, "bad", Map.of("k", "v"));

  @Test
  void shouldStartAnEpisodeNamedAfterRunRuleAndStep() {
    GateResult result = gate.apply("run", RuleName.DEAD_UNITS, Optional.empty(), warning, 7, T);

    assertThat(result.active()).contains(new ActiveAlert("run/dead_units/7", Severity.WARNING, 7, T));
    assertThat(result.publish()).hasValueSatisfying(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(alert.getSeverity()).isEqualTo(AlertSeverity.WARNING);
      assertThat(alert.getEvidence()).containsEntry("k", "v");
      assertThat(alert.getRaisedAtMillis().toEpochMilli()).isEqualTo(T);
    });
  }

  @Test
  void shouldStaySilentWhileNothingChangesWithinTheInterval() {
    ActiveAlert active = new ActiveAlert("run/dead_units/7", Severity.WARNING, 7, T);

    GateResult result = gate.apply("run", RuleName.DEAD_UNITS, Optional.of(active), warning, 8,
        T + Duration.ofMinutes(10).toMillis() - 1);

    assertThat(result.publish()).isEmpty();
    assertThat(result.active()).contains(active);
  }

  @Test
  void shouldAlertAgainWhenSeverityChangesKeepingTheEpisodeId() {
    ActiveAlert active = new ActiveAlert("run/dead_units/7", Severity.WARNING, 7, T);

    GateResult result = gate.apply("run", RuleName.DEAD_UNITS, Optional.of(active),
        Verdict.firing(Severity.CRITICAL, "worse", Map.of()), 8, T + 1);

    assertThat(result.publish()).hasValueSatisfying(alert -> {
      assertThat(alert.getAlertId()).isEqualTo("run/dead_units/7");
      assertThat(alert.getSeverity()).isEqualTo(AlertSeverity.CRITICAL);
    });
    assertThat(result.active()).contains(new ActiveAlert("run/dead_units/7", Severity.CRITICAL, 7, T + 1));
  }

  @Test
  void shouldLeaveTheAlertAsItIsWithoutData() {
    ActiveAlert active = new ActiveAlert("run/dead_units/7", Severity.WARNING, 7, T);

    GateResult result = gate.apply("run", RuleName.DEAD_UNITS, Optional.of(active), Verdict.NO_DATA, 8, T + 1);

    assertThat(result).isEqualTo(new GateResult(Optional.of(active), Optional.empty()));
  }

  @Test
  void shouldResolveOnlyWhatIsFiring() {
    ActiveAlert active = new ActiveAlert("run/dead_units/7", Severity.WARNING, 7, T);

    GateResult resolved = gate.apply("run", RuleName.DEAD_UNITS, Optional.of(active), Verdict.CLEAR, 9, T + 5);
    GateResult nothing = gate.apply("run", RuleName.DEAD_UNITS, Optional.empty(), Verdict.CLEAR, 9, T + 5);

    assertThat(resolved.active()).isEmpty();
    assertThat(resolved.publish()).hasValueSatisfying(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(alert.getAlertId()).isEqualTo("run/dead_units/7");
      assertThat(alert.getStep()).isEqualTo(9);
    });
    assertThat(nothing).isEqualTo(new GateResult(Optional.empty(), Optional.empty()));
  }
}
