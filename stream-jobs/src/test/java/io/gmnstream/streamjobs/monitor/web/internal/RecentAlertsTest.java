package io.gmnstream.streamjobs.monitor.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.schemas.avro.AlertSeverity;
import io.gmnstream.schemas.avro.AlertStatus;
import io.gmnstream.schemas.avro.RunAlert;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentAlertsTest {

  @Test
  void shouldListNewestFirstByWhenRaised() {
    RecentAlerts alerts = new RecentAlerts(10);
    alerts.add(alert("b", AlertStatus.FIRING, 20));
    alerts.add(alert("a", AlertStatus.FIRING, 10)); // read later from another partition, raised earlier
    alerts.add(alert("c", AlertStatus.FIRING, 30));

    assertThat(alerts.newest(10)).extracting(RunAlert::getAlertId).containsExactly("c", "b", "a");
    assertThat(alerts.newest(2)).extracting(RunAlert::getAlertId).containsExactly("c", "b");
  }

  @Test
  void shouldShowAResolvedAlertInPlaceOfItsFiringRecord() {
    RecentAlerts alerts = new RecentAlerts(10);
    alerts.add(alert("a", AlertStatus.FIRING, 10));
    alerts.add(alert("b", AlertStatus.FIRING, 20));
    alerts.add(alert("a", AlertStatus.RESOLVED, 30));

    assertThat(alerts.newest(10)).extracting(RunAlert::getAlertId, RunAlert::getStatus)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", AlertStatus.RESOLVED),
            org.assertj.core.groups.Tuple.tuple("b", AlertStatus.FIRING));
  }

  @Test
  void shouldForgetTheOldestBeyondItsCapacity() {
    RecentAlerts alerts = new RecentAlerts(2);
    alerts.add(alert("a", AlertStatus.FIRING, 10));
    alerts.add(alert("b", AlertStatus.FIRING, 20));
    alerts.add(alert("c", AlertStatus.FIRING, 30));

    assertThat(alerts.newest(10)).extracting(RunAlert::getAlertId).containsExactly("c", "b");
  }

  private static RunAlert alert(String alertId, AlertStatus status, long raisedAtSecond) {
    return RunAlert.newBuilder().setAlertId(alertId).setRunId("run-1").setRule("r").setSeverity(AlertSeverity.WARNING)
        .setStatus(status).setStep(raisedAtSecond).setMessage("m").setEvidence(Map.of())
        .setRaisedAtMillis(Instant.ofEpochSecond(raisedAtSecond)).build();
  }
}
