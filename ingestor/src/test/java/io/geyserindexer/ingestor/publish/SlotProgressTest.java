package io.geyserindexer.ingestor.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.geyserindexer.proto.events.SlotStatus;
import org.junit.jupiter.api.Test;

class SlotProgressTest {

  @Test
  void withoutSlotStatusesResumesAtTheOldestUnacknowledgedSlotOrTheHighestSeen() {
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

  /** The confirmed feed's order: newer PROCESSED statuses overtake older slots' content. */
  @Test
  void aConfirmedFeedResumesAfterTheNewestAcknowledgedFinalizedSlot() {
    SlotProgress progress = new SlotProgress();
    status(progress, 100, SlotStatus.SLOT_STATUS_PROCESSED);
    status(progress, 101, SlotStatus.SLOT_STATUS_PROCESSED);
    content(progress, 100, 3);
    status(progress, 100, SlotStatus.SLOT_STATUS_CONFIRMED);
    status(progress, 102, SlotStatus.SLOT_STATUS_PROCESSED);
    // Everything received is acknowledged, yet slot 101's content and every FINALIZED status is
    // still to come: a cut now must replay from the first slot of the run, not from 102.
    assertThat(progress.resumeSlot()).hasValue(100);

    content(progress, 101, 2);
    status(progress, 101, SlotStatus.SLOT_STATUS_CONFIRMED);
    status(progress, 100, SlotStatus.SLOT_STATUS_FINALIZED);
    assertThat(progress.resumeSlot()).hasValue(101);

    // An unacknowledged event of an older slot still holds the resume point back.
    progress.received(101);
    status(progress, 101, SlotStatus.SLOT_STATUS_FINALIZED);
    assertThat(progress.resumeSlot()).hasValue(101);
    progress.acknowledged(101);
    assertThat(progress.resumeSlot()).hasValue(102);
  }

  @Test
  void aFeedWithoutFinalizedStatusesFallsBackToConfirmedPastTheHorizon() {
    SlotProgress progress = new SlotProgress();
    status(progress, 1000, SlotStatus.SLOT_STATUS_CONFIRMED);
    assertThat(progress.resumeSlot()).hasValue(1000);
    long far = 1000 + SlotProgress.FINALIZATION_HORIZON + 1;
    status(progress, far, SlotStatus.SLOT_STATUS_CONFIRMED);
    assertThat(progress.resumeSlot()).hasValue(far + 1);
  }

  private static void status(SlotProgress progress, long slot, SlotStatus status) {
    progress.received(slot);
    progress.statusReceived(slot);
    progress.acknowledged(slot);
    progress.statusAcknowledged(slot, status);
  }

  private static void content(SlotProgress progress, long slot, int events) {
    for (int i = 0; i < events; i++) {
      progress.received(slot);
      progress.acknowledged(slot);
    }
  }
}
