package io.geyserindexer.persister.write;

import io.geyserindexer.proto.events.AccountUpdateEvent;
import io.geyserindexer.proto.events.BlockMetaEvent;
import io.geyserindexer.proto.events.EntryEvent;
import io.geyserindexer.proto.events.EventRecord;
import io.geyserindexer.proto.events.SlotStatusEvent;
import io.geyserindexer.proto.events.TransactionEvent;
import io.geyserindexer.proto.events.TransactionStatusEvent;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows one poll writes, de-duplicated per table key so that one upsert statement never meets
 * the same key twice (PostgreSQL rejects that for ON CONFLICT DO UPDATE). Events are added in
 * offset order; the newest wins, except where the table has its own order: a slot keeps its highest
 * status and first known parent, an account's latest state keeps its greatest (slot,
 * write_version). Keys are sorted so concurrent writers lock rows in the same order.
 */
public final class EventBatch {

  private static final Comparator<Long> UNSIGNED = Long::compareUnsigned;

  /** (signature, slot): the key of transactions and transaction statuses. */
  record TxKey(String signature, long slot) implements Comparable<TxKey> {
    @Override
    public int compareTo(TxKey o) {
      int c = signature.compareTo(o.signature);
      return c != 0 ? c : Long.compareUnsigned(slot, o.slot);
    }
  }

  /** (pubkey, slot, write_version): the key of the account history. */
  record WriteKey(String pubkey, long slot, long writeVersion) implements Comparable<WriteKey> {
    @Override
    public int compareTo(WriteKey o) {
      int c = pubkey.compareTo(o.pubkey);
      if (c == 0) {
        c = Long.compareUnsigned(slot, o.slot);
      }
      return c != 0 ? c : Long.compareUnsigned(writeVersion, o.writeVersion);
    }
  }

  /** (slot, index): the key of entries. */
  record EntryKey(long slot, long index) implements Comparable<EntryKey> {
    @Override
    public int compareTo(EntryKey o) {
      int c = Long.compareUnsigned(slot, o.slot);
      return c != 0 ? c : Long.compareUnsigned(index, o.index);
    }
  }

  private final Map<Long, SlotStatusEvent> slots = new TreeMap<>(UNSIGNED);
  private final Map<Long, BlockMetaEvent> blocks = new TreeMap<>(UNSIGNED);
  private final Map<TxKey, TransactionEvent> transactions = new TreeMap<>();
  private final Map<WriteKey, AccountUpdateEvent> accountUpdates = new TreeMap<>();
  private final Map<String, AccountUpdateEvent> accounts = new TreeMap<>();
  private final Map<TxKey, TransactionStatusEvent> statuses = new TreeMap<>();
  private final Map<EntryKey, EntryEvent> entries = new TreeMap<>();

  /** The de-duplicated rows of {@code events}, given in offset order. */
  public static EventBatch of(List<EventRecord> events) {
    EventBatch batch = new EventBatch();
    events.forEach(batch::add);
    return batch;
  }

  private void add(EventRecord record) {
    switch (record.getEventCase()) {
      case SLOT_STATUS ->
          slots.merge(
              record.getSlotStatus().getSlot(), record.getSlotStatus(), EventBatch::mergeSlot);
      case BLOCK_META -> blocks.put(record.getBlockMeta().getSlot(), record.getBlockMeta());
      case TRANSACTION -> {
        TransactionEvent tx = record.getTransaction();
        transactions.put(new TxKey(tx.getSignature(), tx.getSlot()), tx);
      }
      case ACCOUNT_UPDATE -> {
        AccountUpdateEvent update = record.getAccountUpdate();
        accountUpdates.put(
            new WriteKey(update.getPubkey(), update.getSlot(), update.getWriteVersion()), update);
        accounts.merge(update.getPubkey(), update, EventBatch::newerWrite);
      }
      case TRANSACTION_STATUS -> {
        TransactionStatusEvent status = record.getTransactionStatus();
        statuses.put(new TxKey(status.getSignature(), status.getSlot()), status);
      }
      case ENTRY -> {
        EntryEvent entry = record.getEntry();
        entries.put(new EntryKey(entry.getSlot(), entry.getIndex()), entry);
      }
      case EVENT_NOT_SET ->
          throw new IllegalArgumentException("record carries no event; the decoder rejects those");
    }
  }

  static SlotStatusEvent mergeSlot(SlotStatusEvent held, SlotStatusEvent next) {
    SlotStatusEvent winner =
        SlotStatusOrder.advances(held.getStatus(), next.getStatus()) ? next : held;
    SlotStatusEvent other = winner == next ? held : next;
    if (!winner.hasParentSlot() && other.hasParentSlot()) {
      return winner.toBuilder().setParentSlot(other.getParentSlot()).build();
    }
    return winner;
  }

  static AccountUpdateEvent newerWrite(AccountUpdateEvent held, AccountUpdateEvent next) {
    int bySlot = Long.compareUnsigned(next.getSlot(), held.getSlot());
    int order =
        bySlot != 0 ? bySlot : Long.compareUnsigned(next.getWriteVersion(), held.getWriteVersion());
    return order >= 0 ? next : held;
  }

  public Collection<SlotStatusEvent> slots() {
    return slots.values();
  }

  public Collection<BlockMetaEvent> blocks() {
    return blocks.values();
  }

  public Collection<TransactionEvent> transactions() {
    return transactions.values();
  }

  public Collection<AccountUpdateEvent> accountUpdates() {
    return accountUpdates.values();
  }

  public Collection<AccountUpdateEvent> accounts() {
    return accounts.values();
  }

  public Collection<TransactionStatusEvent> transactionStatuses() {
    return statuses.values();
  }

  public Collection<EntryEvent> entries() {
    return entries.values();
  }
}
