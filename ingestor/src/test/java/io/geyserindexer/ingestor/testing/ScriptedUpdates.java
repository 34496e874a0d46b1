package io.geyserindexer.ingestor.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.geyserindexer.proto.geyser.SlotStatus;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccount;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccountInfo;
import io.geyserindexer.proto.geyser.SubscribeUpdateBlockMeta;
import io.geyserindexer.proto.geyser.SubscribeUpdateEntry;
import io.geyserindexer.proto.geyser.SubscribeUpdateSlot;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransaction;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransactionInfo;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransactionStatus;
import io.geyserindexer.proto.solana.CompiledInstruction;
import io.geyserindexer.proto.solana.Message;
import io.geyserindexer.proto.solana.MessageHeader;
import io.geyserindexer.proto.solana.Transaction;
import io.geyserindexer.proto.solana.TransactionStatusMeta;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic Geyser stream: per slot, {@code perSlot} content updates cycling through
 * transaction, account, transaction status and entry, then the block meta, then the confirmed slot
 * status (the order a confirmed subscription sees).
 */
public final class ScriptedUpdates {

  /** One scripted message: the slot it belongs to and its wire bytes. */
  public record Item(long slot, byte[] bytes) {}

  private ScriptedUpdates() {}

  public static List<Item> slots(long firstSlot, int slots, int perSlot) {
    List<Item> items = new ArrayList<>();
    for (long slot = firstSlot; slot < firstSlot + slots; slot++) {
      for (int i = 0; i < perSlot; i++) {
        SubscribeUpdate update =
            switch (i % 4) {
              case 0 -> transaction(slot, i);
              case 1 -> account(slot, i);
              case 2 -> transactionStatus(slot, i);
              default -> entry(slot, i);
            };
        items.add(new Item(slot, update.toByteArray()));
      }
      items.add(new Item(slot, blockMeta(slot).toByteArray()));
      items.add(new Item(slot, slotStatus(slot).toByteArray()));
    }
    return items;
  }

  static ByteString bytes(int length, long slot, int i, int salt) {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    buffer.put((byte) (1 + salt));
    while (buffer.remaining() >= 12) {
      buffer.putLong(slot).putInt(i);
    }
    return ByteString.copyFrom(buffer.array());
  }

  private static SubscribeUpdate.Builder envelope(String filter, long slot) {
    return SubscribeUpdate.newBuilder()
        .addFilters(filter)
        .setCreatedAt(Timestamp.newBuilder().setSeconds(1_700_000_000L + slot));
  }

  public static SubscribeUpdate transaction(long slot, int i) {
    ByteString signature = bytes(64, slot, i, 0);
    Message message =
        Message.newBuilder()
            .setHeader(MessageHeader.newBuilder().setNumRequiredSignatures(1))
            .addAccountKeys(bytes(32, slot, i, 1))
            .addAccountKeys(bytes(32, 7, 7, 2))
            .setRecentBlockhash(bytes(32, slot, 0, 3))
            .addInstructions(
                CompiledInstruction.newBuilder()
                    .setProgramIdIndex(1)
                    .setAccounts(ByteString.copyFrom(new byte[] {0}))
                    .setData(bytes(40, slot, i, 4)))
            .build();
    TransactionStatusMeta meta =
        TransactionStatusMeta.newBuilder()
            .setFee(5000)
            .addPreBalances(1_000_000 + i)
            .addPreBalances(1)
            .addPostBalances(995_000 + i)
            .addPostBalances(1)
            .addLogMessages("Program log: scripted " + slot + "/" + i)
            .build();
    return envelope("transactions", slot)
        .setTransaction(
            SubscribeUpdateTransaction.newBuilder()
                .setSlot(slot)
                .setTransaction(
                    SubscribeUpdateTransactionInfo.newBuilder()
                        .setSignature(signature)
                        .setIndex(i)
                        .setTransaction(
                            Transaction.newBuilder().addSignatures(signature).setMessage(message))
                        .setMeta(meta)))
        .build();
  }

  public static SubscribeUpdate account(long slot, int i) {
    return envelope("accounts", slot)
        .setAccount(
            SubscribeUpdateAccount.newBuilder()
                .setSlot(slot)
                .setAccount(
                    SubscribeUpdateAccountInfo.newBuilder()
                        .setPubkey(bytes(32, slot, i, 5))
                        .setOwner(bytes(32, 9, 9, 6))
                        .setLamports(2_039_280L)
                        .setRentEpoch(-1L)
                        .setData(bytes(120, slot, i, 7))
                        .setWriteVersion(slot * 1000 + i)))
        .build();
  }

  public static SubscribeUpdate transactionStatus(long slot, int i) {
    return envelope("transactions_status", slot)
        .setTransactionStatus(
            SubscribeUpdateTransactionStatus.newBuilder()
                .setSlot(slot)
                .setIndex(i)
                .setSignature(bytes(64, slot, i, 8)))
        .build();
  }

  public static SubscribeUpdate entry(long slot, int i) {
    return envelope("entries", slot)
        .setEntry(
            SubscribeUpdateEntry.newBuilder()
                .setSlot(slot)
                .setIndex(i)
                .setNumHashes(12_500)
                .setHash(bytes(32, slot, i, 9)))
        .build();
  }

  public static SubscribeUpdate blockMeta(long slot) {
    return envelope("blocks_meta", slot)
        .setBlockMeta(
            SubscribeUpdateBlockMeta.newBuilder()
                .setSlot(slot)
                .setBlockhash("hash" + slot)
                .setParentSlot(slot - 1)
                .setParentBlockhash("hash" + (slot - 1))
                .setExecutedTransactionCount(3))
        .build();
  }

  public static SubscribeUpdate slotStatus(long slot) {
    return envelope("slots", slot)
        .setSlot(
            SubscribeUpdateSlot.newBuilder()
                .setSlot(slot)
                .setParent(slot - 1)
                .setStatus(SlotStatus.SLOT_CONFIRMED))
        .build();
  }
}
