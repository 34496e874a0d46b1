package io.geyserindexer.simulator.server;

import io.geyserindexer.proto.geyser.CommitmentLevel;
import io.geyserindexer.proto.geyser.SlotStatus;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccount;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransaction;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransactionStatus;
import io.geyserindexer.simulator.filter.SubscriptionFilter;
import io.geyserindexer.simulator.traffic.SlotContent;
import java.util.ArrayList;
import java.util.List;

/**
 * What one subscriber receives when a slot reaches a commitment level, or when it is replayed: a
 * pure function of (slot, stage, filter), following upstream's rules (wire notes 5.4-5.6).
 *
 * <ul>
 *   <li>Processed stage: lifecycle statuses, then every write and transaction as produced (to
 *       processed subscribers), block meta, then PROCESSED; a dead slot ends with DEAD instead.
 *   <li>Confirmed/finalized stage: to subscribers of that level the content in one burst, writes
 *       collapsed to the highest write_version per pubkey, then block meta; then the status.
 *   <li>Commitment statuses go to subscribers of every level.
 * </ul>
 */
public final class SlotRenderer {

  private SlotRenderer() {}

  /** The updates for a live stage event: the slot just reached {@code stage}. */
  public static List<SubscribeUpdate> stage(
      SlotContent slot, CommitmentLevel stage, SubscriptionFilter filter) {
    List<SubscribeUpdate> out = new ArrayList<>();
    if (stage == CommitmentLevel.PROCESSED) {
      status(out, slot, SlotStatus.SLOT_FIRST_SHRED_RECEIVED, filter);
      status(out, slot, SlotStatus.SLOT_CREATED_BANK, filter);
      if (filter.commitment() == CommitmentLevel.PROCESSED) {
        for (SubscribeUpdate update : slot.processedContent()) {
          if (update.hasAccount()) {
            account(out, update.getAccount(), filter);
          } else {
            transaction(out, update.getTransaction(), filter);
          }
        }
      }
      status(out, slot, SlotStatus.SLOT_COMPLETED, filter);
      status(out, slot, SlotStatus.SLOT_DEAD, filter);
      if (filter.commitment() == CommitmentLevel.PROCESSED) {
        blockMeta(out, slot, filter);
      }
      status(out, slot, SlotStatus.SLOT_PROCESSED, filter);
      return out;
    }
    if (filter.commitment() == stage) {
      burst(out, slot, filter);
    }
    status(out, slot, statusOf(stage), filter);
    return out;
  }

  /**
   * A stored slot replayed for from_slot: content collapsed, block meta, then the commitment
   * statuses reached so far; nothing when the slot never reached the subscriber's level.
   */
  public static List<SubscribeUpdate> replay(
      SlotContent slot, CommitmentLevel reached, SubscriptionFilter filter) {
    List<SubscribeUpdate> out = new ArrayList<>();
    if (reached == null || reached.getNumber() < filter.commitment().getNumber()) {
      return out;
    }
    burst(out, slot, filter);
    for (int level = 0; level <= reached.getNumber(); level++) {
      status(out, slot, statusOf(CommitmentLevel.forNumber(level)), filter);
    }
    return out;
  }

  private static void burst(
      List<SubscribeUpdate> out, SlotContent slot, SubscriptionFilter filter) {
    for (SubscribeUpdateAccount account : slot.collapsedAccounts()) {
      account(out, account, filter);
    }
    for (SubscribeUpdateTransaction tx : slot.transactions()) {
      transaction(out, tx, filter);
    }
    blockMeta(out, slot, filter);
  }

  private static void account(
      List<SubscribeUpdate> out, SubscribeUpdateAccount account, SubscriptionFilter filter) {
    List<String> names = filter.accountMatches(account.getAccount());
    if (!names.isEmpty()) {
      SubscribeUpdateAccount sliced =
          account.toBuilder().setAccount(filter.slice(account.getAccount())).build();
      out.add(SubscribeUpdate.newBuilder().addAllFilters(names).setAccount(sliced).build());
    }
  }

  private static void transaction(
      List<SubscribeUpdate> out, SubscribeUpdateTransaction tx, SubscriptionFilter filter) {
    List<String> names = filter.transactionMatches(tx.getTransaction());
    if (!names.isEmpty()) {
      out.add(SubscribeUpdate.newBuilder().addAllFilters(names).setTransaction(tx).build());
    }
    List<String> statusNames = filter.transactionStatusMatches(tx.getTransaction());
    if (!statusNames.isEmpty()) {
      var info = tx.getTransaction();
      SubscribeUpdateTransactionStatus.Builder status =
          SubscribeUpdateTransactionStatus.newBuilder()
              .setSlot(tx.getSlot())
              .setSignature(info.getSignature())
              .setIsVote(info.getIsVote())
              .setIndex(info.getIndex());
      if (info.getMeta().hasErr()) {
        status.setErr(info.getMeta().getErr());
      }
      out.add(
          SubscribeUpdate.newBuilder()
              .addAllFilters(statusNames)
              .setTransactionStatus(status)
              .build());
    }
  }

  private static void blockMeta(
      List<SubscribeUpdate> out, SlotContent slot, SubscriptionFilter filter) {
    List<String> names = filter.blockMetaMatches();
    if (!names.isEmpty() && slot.blockMeta().isPresent()) {
      out.add(
          SubscribeUpdate.newBuilder()
              .addAllFilters(names)
              .setBlockMeta(slot.blockMeta().get())
              .build());
    }
  }

  private static void status(
      List<SubscribeUpdate> out, SlotContent slot, SlotStatus status, SubscriptionFilter filter) {
    slot.status(status)
        .ifPresent(
            update -> {
              List<String> names = filter.slotMatches(update);
              if (!names.isEmpty()) {
                out.add(SubscribeUpdate.newBuilder().addAllFilters(names).setSlot(update).build());
              }
            });
  }

  static SlotStatus statusOf(CommitmentLevel level) {
    return switch (level) {
      case PROCESSED -> SlotStatus.SLOT_PROCESSED;
      case CONFIRMED -> SlotStatus.SLOT_CONFIRMED;
      case FINALIZED -> SlotStatus.SLOT_FINALIZED;
      case UNRECOGNIZED -> throw new IllegalArgumentException("no status for " + level);
    };
  }
}
