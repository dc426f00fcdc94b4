package io.gmnstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.DeadLetter;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void shouldBindEveryTopicToItsValueTypeAndSubject() {
    assertThat(Topics.ALL).extracting(Topic::name).containsExactly("gmn.runs", "gmn.checkpoints",
        "gmn.graphs", "gmn.scores", "gmn.alerts", "gmn.run-outcomes", "gmn.dead-letters");
    assertThat(Topics.ALL).allSatisfy(t -> {
      assertThat(t.valueSubject()).isEqualTo(t.name() + "-value");
      assertThat(t.valueSchema().getFullName()).isEqualTo(t.valueClass().getName());
    });
    assertThat(Topics.CHECKPOINTS.valueClass()).isEqualTo(Checkpoint.class);
    assertThat(Topics.DEAD_LETTERS.valueSubject()).isEqualTo("gmn.dead-letters-value");
  }

  @Test
  void shouldCompactOnlyTheRunManifests() {
    assertThat(Topics.ALL).filteredOn(Topic::compacted).containsExactly(Topics.RUNS);
  }

  @Test
  void shouldFindTopicsByName() {
    assertThat(Topics.byName("gmn.dead-letters")).contains(Topics.DEAD_LETTERS);
    assertThat(Topics.byName("gmn.dead-letters").<Object>map(Topic::valueClass))
        .contains(DeadLetter.class);
    assertThat(Topics.byName("gmn.nope")).isEmpty();
  }

  @Test
  void shouldRegisterSchemasWithoutJavaOnlyProperties() {
    assertThat(Topics.RUNS.valueSchema().toString()).doesNotContain("avro.java.string");
    assertThat(Checkpoint.getClassSchema().toString()).contains("avro.java.string");
  }

  @Test
  void shouldRejectABlankTopicName() {
    assertThatThrownBy(() -> new Topic<>(" ", Checkpoint.class, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
