package io.gmnstream.streamjobs.monitor.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.embedded.kafka.TopicSpec;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.AlertSeverity;
import io.gmnstream.schemas.avro.AlertStatus;
import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.RunAlert;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The live feed on a real broker: where it starts, what it delivers, what it skips. */
class LiveFeedTest {
  private static KafkaTestKit kafka;

  @BeforeAll
  static void start() {
    kafka = KafkaTestKit.start();
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  /** Records what the feed delivers. */
  static final class Recorder implements LiveFeedListener {
    final List<GmnScore> scores = new CopyOnWriteArrayList<>();
    final List<RunAlert> alerts = new CopyOnWriteArrayList<>();

    @Override
    public void onScore(GmnScore score) {
      scores.add(score);
    }

    @Override
    public void onAlert(RunAlert alert) {
      alerts.add(alert);
    }

    List<Long> stepsOf(String runId) {
      return scores.stream().filter(s -> s.getRunId().equals(runId)).map(GmnScore::getStep).toList();
    }
  }

  @Test
  void shouldKnowTheMostRecentAlertsPublishedBeforeItStarted() throws Exception {
    for (int i = 1; i <= 5; i++) {
      kafka.send(Topics.ALERTS.name(), "run-old", TestRecords.alert("old-" + i, "run-old", AlertSeverity.WARNING,
          AlertStatus.FIRING, i));
    }

    // One run id: all five are on one partition, of which the feed reads back the last three.
    try (LiveFeed feed = kafka.liveFeed(3)) {
      Await.until("the backlog of alerts read", () -> feed.recentAlerts(3).size() == 3);

      assertThat(feed.recentAlerts(10)).extracting(RunAlert::getAlertId).containsExactly("old-5", "old-4", "old-3");
    }
  }

  @Test
  void shouldDeliverScoresCommittedAfterItStartedButNotBefore() throws Exception {
    kafka.send(Topics.SCORES.name(), "run-live", TestRecords.score("run-live", 1, 0.1));
    Recorder recorder = new Recorder();

    try (LiveFeed feed = kafka.liveFeed(10, recorder)) {
      kafka.send(Topics.SCORES.name(), "run-live", TestRecords.score("run-live", 2, 0.2));
      kafka.send(Topics.SCORES.name(), "run-live", TestRecords.score("run-live", 3, 0.3));

      Await.until("the two new scores", () -> recorder.stepsOf("run-live").size() >= 2);
      assertThat(recorder.stepsOf("run-live")).containsExactly(2L, 3L);
      assertThat(feed.state()).isEqualTo(LiveFeed.State.LIVE);
    }
  }

  @Test
  void shouldReadTheTopicsItIsToldToReadInstead() throws Exception {
    kafka.broker.createTopics(List.of(TopicSpec.of("team-a.scores", 1), TopicSpec.of("team-a.alerts", 1)));
    Recorder recorder = new Recorder();
    try (LiveFeed feed = kafka.feed(10).readingTopics("team-a.scores", "team-a.alerts")) {
      feed.subscribe(recorder);
      feed.start();
      assertThat(feed.awaitLive(Await.TIMEOUT)).isTrue();
      kafka.send(Topics.SCORES.name(), "run-t", TestRecords.score("run-t", 1, 0.1));
      kafka.send("team-a.scores", "run-t", TestRecords.score("run-t", 2, 0.2));
      kafka.send("team-a.alerts", "run-t", TestRecords.alert("t-1", "run-t", AlertSeverity.INFO,
          AlertStatus.FIRING, 2));

      Await.until("the score and the alert of team-a", () -> !recorder.alerts.isEmpty()
          && !recorder.stepsOf("run-t").isEmpty());
      assertThat(recorder.stepsOf("run-t")).containsExactly(2L);
      assertThat(recorder.alerts).extracting(RunAlert::getAlertId).containsExactly("t-1");
      assertThatThrownBy(() -> feed.readingTopics("x", "y")).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("before starting");
    }
  }

  @Test
  void shouldSkipRecordsItCannotDecodeAndGoOn() throws Exception {
    Recorder recorder = new Recorder();
    try (LiveFeed feed = kafka.liveFeed(10, recorder)) {
      kafka.sendRaw(Topics.SCORES.name(), "run-bad", new byte[] {0, 0, 0, 0, 42, 1, 2, 3});
      kafka.sendRaw(Topics.SCORES.name(), "run-bad", "not avro at all".getBytes());
      kafka.send(Topics.SCORES.name(), "run-bad", TestRecords.score("run-bad", 7, 0.7));

      Await.until("the good score after the bad ones", () -> !recorder.stepsOf("run-bad").isEmpty());
      assertThat(recorder.stepsOf("run-bad")).containsExactly(7L);
      assertThat(feed.state()).isEqualTo(LiveFeed.State.LIVE);
    }
  }

  @Test
  void shouldKeepDeliveringWhenAListenerThrows() throws Exception {
    Recorder recorder = new Recorder();
    LiveFeedListener failing = new LiveFeedListener() {
      @Override
      public void onAlert(RunAlert alert) {
        throw new IllegalStateException("listener bug");
      }
    };
    try (LiveFeed feed = kafka.liveFeed(10, failing, recorder)) {
      kafka.send(Topics.ALERTS.name(), "run-l", TestRecords.alert("l-1", "run-l", AlertSeverity.INFO,
          AlertStatus.FIRING, 1));
      kafka.send(Topics.ALERTS.name(), "run-l", TestRecords.alert("l-1", "run-l", AlertSeverity.INFO,
          AlertStatus.RESOLVED, 2));

      Await.until("both alert records", () -> recorder.alerts.size() >= 2);
      assertThat(feed.recentAlerts(10)).filteredOn(alert -> alert.getRunId().equals("run-l"))
          .singleElement().extracting(RunAlert::getStatus).isEqualTo(AlertStatus.RESOLVED);
    }
  }

  @Test
  void shouldStopDeliveringToAListenerThatUnsubscribed() throws Exception {
    Recorder stays = new Recorder();
    Recorder leaves = new Recorder();
    try (LiveFeed feed = kafka.liveFeed(10, stays)) {
      AutoCloseable subscription = feed.subscribe(leaves);
      kafka.send(Topics.SCORES.name(), "run-u", TestRecords.score("run-u", 1, 0.1));
      Await.until("the first score to both", () -> leaves.stepsOf("run-u").size() == 1);

      subscription.close();
      kafka.send(Topics.SCORES.name(), "run-u", TestRecords.score("run-u", 2, 0.2));
      Await.until("the second score", () -> stays.stepsOf("run-u").size() == 2);

      assertThat(leaves.stepsOf("run-u")).containsExactly(1L);
    }
  }

  @Test
  void shouldCloseCleanly() throws Exception {
    LiveFeed feed = kafka.liveFeed(10);

    feed.close();
    feed.close();

    assertThat(feed.state()).isEqualTo(LiveFeed.State.CLOSED);
    assertThatThrownBy(feed::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldCloseWithoutHavingStarted() {
    LiveFeed feed = kafka.feed(10);

    feed.close();

    assertThat(feed.state()).isEqualTo(LiveFeed.State.CLOSED);
  }

  @Test
  void shouldRefuseKafkaPropertiesItSetsItself() {
    assertThatThrownBy(() -> new LiveFeed(kafka.broker.bootstrapServers(), Map.of("group.id", "mine"),
        kafka.registryConfig(), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group.id");
    assertThatThrownBy(() -> new LiveFeed(kafka.broker.bootstrapServers(), Map.of("isolation.level",
        "read_uncommitted"), kafka.registryConfig(), 10))
        .hasMessageContaining("read_committed");
  }
}
