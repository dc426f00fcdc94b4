package io.gmnstream.streamjobs.hooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PartitionProgressTest {

  @Test
  void shouldHaveNothingToCommitWhenNoRecordWasRead() {
    assertThat(new PartitionProgress().committableOffset()).isEmpty();
  }

  @Test
  void shouldCommitOnlyBelowTheFirstUnfinishedRecordWhenLaterOnesFinishFirst() {
    PartitionProgress progress = new PartitionProgress();
    PendingRecord first = progress.register(10, 2);
    PendingRecord second = progress.register(11, 1);

    second.finishOne();
    assertThat(progress.committableOffset()).hasValue(10);
    first.finishOne();
    assertThat(progress.committableOffset()).as("one of two deliveries left").hasValue(10);
    first.finishOne();
    assertThat(progress.committableOffset()).hasValue(12);
  }

  @Test
  void shouldCommitPastRecordsWithoutDeliveriesWhenNoEndpointWantsThem() {
    PartitionProgress progress = new PartitionProgress();
    progress.register(5, 0);

    assertThat(progress.committableOffset()).hasValue(6);
  }

  @Test
  void shouldRefuseWhenADeliveryFinishesTwiceOrOffsetsGoBack() {
    PartitionProgress progress = new PartitionProgress();
    PendingRecord pending = progress.register(3, 1);
    pending.finishOne();

    assertThatThrownBy(pending::finishOne).hasMessageContaining("finished twice");
    assertThatThrownBy(() -> progress.register(2, 1)).hasMessageContaining("in order");
  }
}
