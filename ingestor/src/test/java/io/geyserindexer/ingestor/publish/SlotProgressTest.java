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
    progress.sent(10);
    progress.acknowledged(10);
    assertThat(progress.resumeSlot()).hasValue(10);
    progress.sent(10);
    progress.acknowledged(10);
    assertThat(progress.resumeSlot()).hasValue(11);
    progress.sent(11);
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

  @Test
  void slotStatusBarrierWaitsOnlyForEarlierSentEvents() throws Exception {
    SlotProgress progress = new SlotProgress();
    progress.received(7);
    progress.received(9);
    progress.sent(9);
    // Slot 8's status does not wait for slot 9.
    assertThat(progress.awaitAcknowledgedThrough(8, () -> false)).isTrue();
    progress.sent(7);
    assertThat(progress.awaitAcknowledgedThrough(8, () -> true)).isFalse();
    progress.acknowledged(7);
    assertThat(progress.awaitAcknowledgedThrough(8, () -> true)).isTrue();
  }
}
