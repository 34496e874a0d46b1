package io.geyserindexer.ingestor.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlotProgressTest {

  @Test
  void resumesAtTheOldestUnacknowledgedSlotOrTheHighestSeen() {
    SlotProgress progress = new SlotProgress();
    assertThat(progress.resumeSlot()).isEmpty();
    progress.received(10);
    progress.received(10);
    progress.received(11);
    assertThat(progress.resumeSlot()).hasValue(10);
    progress.acknowledged(10);
    assertThat(progress.resumeSlot()).hasValue(10);
    progress.acknowledged(10);
    assertThat(progress.resumeSlot()).hasValue(11);
    progress.acknowledged(11);
    // Everything acknowledged: the highest slot seen is replayed, since it may be incomplete.
    assertThat(progress.resumeSlot()).hasValue(11);
    assertThat(progress.highestAcknowledged()).isEqualTo(11);
  }

  @Test
  void droppedEventsDoNotHoldTheResumeSlotBack() {
    SlotProgress progress = new SlotProgress();
    progress.received(5);
    progress.received(6);
    progress.discarded(5);
    assertThat(progress.resumeSlot()).hasValue(6);
  }
}
