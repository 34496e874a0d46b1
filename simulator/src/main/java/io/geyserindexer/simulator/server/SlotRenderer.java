package io.geyserindexer.simulator.server;

import com.google.protobuf.Timestamp;
import io.geyserindexer.proto.geyser.CommitmentLevel;
import io.geyserindexer.proto.geyser.SlotStatus;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccount;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccountInfo;
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
      SlotContent slot, CommitmentLevel stage, SubscriptionFilter filter, Timestamp createdAt) {
    Updates out = new Updates(createdAt);
    if (stage == CommitmentLevel.PROCESSED) {
      status(out, slot, SlotStatus.SLOT_FIRST_SHRED_RECEIVED, filter);
      status(out, slot, SlotStatus.SLOT_CREATED_BANK, filter);
      if (filter.commitment() == CommitmentLevel.PROCESSED) {
        slot.forEachProcessed(a -> account(out, a, filter), tx -> transaction(out, tx, filter));
      }
      status(out, slot, SlotStatus.SLOT_COMPLETED, filter);
      status(out, slot, SlotStatus.SLOT_DEAD, filter);
      if (filter.commitment() == CommitmentLevel.PROCESSED) {
        blockMeta(out, slot, filter);
      }
      status(out, slot, SlotStatus.SLOT_PROCESSED, filter);
      return out.list;
    }
    if (filter.commitment() == stage) {
      burst(out, slot, filter);
    }
    status(out, slot, statusOf(stage), filter);
    return out.list;
  }

  /**
   * A stored slot replayed for from_slot: content collapsed, block meta, then the commitment
   * statuses reached so far; nothing when the slot never reached the subscriber's level.
   */
  public static List<SubscribeUpdate> replay(
      SlotContent slot, CommitmentLevel reached, SubscriptionFilter filter, Timestamp createdAt) {
    Updates out = new Updates(createdAt);
    if (reached == null || reached.getNumber() < filter.commitment().getNumber()) {
      return out.list;
    }
    burst(out, slot, filter);
    for (int level = 0; level <= reached.getNumber(); level++) {
      status(out, slot, statusOf(CommitmentLevel.forNumber(level)), filter);
    }
    return out.list;
  }

  private static void burst(Updates out, SlotContent slot, SubscriptionFilter filter) {
    for (SubscribeUpdateAccount account : slot.collapsedAccounts()) {
      account(out, account, filter);
    }
    for (SubscribeUpdateTransaction tx : slot.transactions()) {
      transaction(out, tx, filter);
    }
    blockMeta(out, slot, filter);
  }

  private static void account(
      Updates out, SubscribeUpdateAccount account, SubscriptionFilter filter) {
    List<String> names = filter.accountMatches(account.getAccount());
    if (!names.isEmpty()) {
      SubscribeUpdateAccountInfo info = filter.slice(account.getAccount());
      // Without data slices the write goes out as stored: no copy per subscriber.
      SubscribeUpdateAccount sent =
          info == account.getAccount() ? account : account.toBuilder().setAccount(info).build();
      out.add(out.builder(names).setAccount(sent));
    }
  }

  private static void transaction(
      Updates out, SubscribeUpdateTransaction tx, SubscriptionFilter filter) {
    List<String> names = filter.transactionMatches(tx.getTransaction());
    if (!names.isEmpty()) {
      out.add(out.builder(names).setTransaction(tx));
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
      out.add(out.builder(statusNames).setTransactionStatus(status));
    }
  }

  private static void blockMeta(Updates out, SlotContent slot, SubscriptionFilter filter) {
    List<String> names = filter.blockMetaMatches();
    if (!names.isEmpty() && slot.blockMeta().isPresent()) {
      out.add(out.builder(names).setBlockMeta(slot.blockMeta().get()));
    }
  }

  private static void status(
      Updates out, SlotContent slot, SlotStatus status, SubscriptionFilter filter) {
    slot.status(status)
        .ifPresent(
            update -> {
              List<String> names = filter.slotMatches(update);
              if (!names.isEmpty()) {
                out.add(out.builder(names).setSlot(update));
              }
            });
  }

  /**
   * The updates being rendered, each built once and complete: filter names, the update and the
   * created_at every update of one render shares.
   */
  private static final class Updates {
    final List<SubscribeUpdate> list = new ArrayList<>();
    private final Timestamp createdAt;

    Updates(Timestamp createdAt) {
      this.createdAt = createdAt;
    }

    SubscribeUpdate.Builder builder(List<String> names) {
      return SubscribeUpdate.newBuilder().addAllFilters(names).setCreatedAt(createdAt);
    }

    void add(SubscribeUpdate.Builder update) {
      list.add(update.build());
    }
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
