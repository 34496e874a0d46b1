package io.geyserindexer.persister.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.geyserindexer.proto.events.AccountUpdateEvent;
import io.geyserindexer.proto.events.EventRecord;
import io.geyserindexer.proto.events.SlotStatus;
import io.geyserindexer.proto.events.SlotStatusEvent;
import io.geyserindexer.proto.events.TransactionEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBatchTest {

  private static EventRecord slot(long slot, SlotStatus status, Long parent) {
    SlotStatusEvent.Builder event = SlotStatusEvent.newBuilder().setSlot(slot).setStatus(status);
    if (parent != null) {
      event.setParentSlot(parent);
    }
    return EventRecord.newBuilder().setSchemaVersion(1).setSlotStatus(event).build();
  }

  private static EventRecord write(String pubkey, long slot, long writeVersion, long lamports) {
    return EventRecord.newBuilder()
        .setSchemaVersion(1)
        .setAccountUpdate(
            AccountUpdateEvent.newBuilder()
                .setPubkey(pubkey)
                .setSlot(slot)
                .setWriteVersion(writeVersion)
                .setLamports(lamports))
        .build();
  }

  @Test
  void slotKeepsHighestStatusWhateverTheOrderAndItsFirstKnownParent() {
    EventBatch batch =
        EventBatch.of(
            List.of(
                slot(10, SlotStatus.SLOT_STATUS_CONFIRMED, null),
                slot(10, SlotStatus.SLOT_STATUS_PROCESSED, 9L),
                slot(10, SlotStatus.SLOT_STATUS_FIRST_SHRED_RECEIVED, null)));
    assertThat(batch.slots())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getStatus()).isEqualTo(SlotStatus.SLOT_STATUS_CONFIRMED);
              assertThat(s.getParentSlot()).isEqualTo(9L);
            });
  }

  @Test
  void finalizedAndDeadAreTerminal() {
    assertThat(
            SlotStatusOrder.advances(SlotStatus.SLOT_STATUS_FINALIZED, SlotStatus.SLOT_STATUS_DEAD))
        .isFalse();
    assertThat(
            SlotStatusOrder.advances(SlotStatus.SLOT_STATUS_DEAD, SlotStatus.SLOT_STATUS_FINALIZED))
        .isFalse();
    assertThat(
            SlotStatusOrder.advances(
                SlotStatus.SLOT_STATUS_COMPLETED, SlotStatus.SLOT_STATUS_PROCESSED))
        .isTrue();
    assertThat(
            SlotStatusOrder.advances(
                SlotStatus.SLOT_STATUS_PROCESSED, SlotStatus.SLOT_STATUS_COMPLETED))
        .isFalse();
    assertThat(SlotStatusOrder.name(SlotStatus.SLOT_STATUS_FIRST_SHRED_RECEIVED))
        .isEqualTo("first_shred_received");
  }

  @Test
  void accountHistoryKeepsEveryWriteAndLatestStateTheGreatestUnsigned() {
    EventBatch batch =
        EventBatch.of(
            List.of(
                write("A", 5, 2, 100),
                write("A", 5, 1, 50),
                write("A", 4, 9, 10),
                write("A", 5, 2, 100),
                write("B", 1, 1, 1)));
    assertThat(batch.accountUpdates()).hasSize(4);
    assertThat(batch.accounts())
        .extracting(AccountUpdateEvent::getPubkey, AccountUpdateEvent::getLamports)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("A", 100L),
            org.assertj.core.groups.Tuple.tuple("B", 1L));
  }

  @Test
  void duplicateTransactionsCollapseToOneRow() {
    EventRecord tx =
        EventRecord.newBuilder()
            .setSchemaVersion(1)
            .setTransaction(TransactionEvent.newBuilder().setSignature("sig").setSlot(3))
            .build();
    EventRecord otherFork =
        tx.toBuilder().setTransaction(tx.getTransaction().toBuilder().setSlot(4)).build();
    assertThat(EventBatch.of(List.of(tx, tx, otherFork)).transactions()).hasSize(2);
  }
}
