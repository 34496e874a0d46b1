package io.geyserindexer.simulator.traffic;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.geyser.SlotStatus;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccount;
import io.geyserindexer.proto.geyser.SubscribeUpdateBlockMeta;
import io.geyserindexer.proto.geyser.SubscribeUpdateSlot;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything one slot produces, as the Yellowstone messages a server sends (without {@code filters}
 * and {@code created_at}, which depend on the subscriber and the clock).
 *
 * @param slot the slot number
 * @param parent the parent slot (the nearest earlier live slot)
 * @param transactions the block's transactions in block order; a dead slot's were replayed but
 *     never confirmed
 * @param accounts the account writes in stream order, write_version increasing
 * @param blockMeta the block meta, absent for a dead slot
 * @param statuses every status the slot ever gets, in order: FIRST_SHRED_RECEIVED, CREATED_BANK,
 *     then COMPLETED, PROCESSED, CONFIRMED, FINALIZED for a live slot or DEAD for a dead one
 */
public record SlotContent(
    long slot,
    long parent,
    List<SubscribeUpdateTransaction> transactions,
    List<SubscribeUpdateAccount> accounts,
    Optional<SubscribeUpdateBlockMeta> blockMeta,
    List<SubscribeUpdateSlot> statuses) {

  public SlotContent {
    transactions = List.copyOf(transactions);
    accounts = List.copyOf(accounts);
    statuses = List.copyOf(statuses);
  }

  public boolean dead() {
    return statuses.stream().anyMatch(s -> s.getStatus() == SlotStatus.SLOT_DEAD);
  }

  /** The slot's status update of that kind, if it ever gets one. */
  public Optional<SubscribeUpdateSlot> status(SlotStatus status) {
    return statuses.stream().filter(s -> s.getStatus() == status).findFirst();
  }

  /**
   * The writes a confirmed or finalized subscriber receives: only the highest write_version per
   * pubkey, in write_version order.
   */
  public List<SubscribeUpdateAccount> collapsedAccounts() {
    Map<ByteString, SubscribeUpdateAccount> last = new LinkedHashMap<>();
    for (SubscribeUpdateAccount account : accounts) {
      last.merge(
          account.getAccount().getPubkey(),
          account,
          (a, b) ->
              Long.compareUnsigned(
                          b.getAccount().getWriteVersion(), a.getAccount().getWriteVersion())
                      > 0
                  ? b
                  : a);
    }
    List<SubscribeUpdateAccount> out = new ArrayList<>(last.values());
    out.sort(
        Comparator.comparing(
            a -> a.getAccount().getWriteVersion(), (x, y) -> Long.compareUnsigned(x, y)));
    return out;
  }

  /**
   * The slot's content as a processed stream carries it: writes without a transaction first, then
   * per transaction its writes followed by the transaction itself.
   */
  public List<SubscribeUpdate> processedContent() {
    List<SubscribeUpdate> out = new ArrayList<>(accounts.size() + transactions.size());
    forEachProcessed(
        account -> out.add(SubscribeUpdate.newBuilder().setAccount(account).build()),
        tx -> out.add(SubscribeUpdate.newBuilder().setTransaction(tx).build()));
    return out;
  }

  /**
   * Visits the content in {@link #processedContent()} order without wrapping each item in an update
   * first (a server renders every slot this way).
   */
  public void forEachProcessed(
      Consumer<SubscribeUpdateAccount> account, Consumer<SubscribeUpdateTransaction> transaction) {
    int next = 0;
    while (next < accounts.size() && !accounts.get(next).getAccount().hasTxnSignature()) {
      account.accept(accounts.get(next++));
    }
    for (SubscribeUpdateTransaction tx : transactions) {
      ByteString signature = tx.getTransaction().getSignature();
      while (next < accounts.size()
          && accounts.get(next).getAccount().getTxnSignature().equals(signature)) {
        account.accept(accounts.get(next++));
      }
      transaction.accept(tx);
    }
    while (next < accounts.size()) {
      account.accept(accounts.get(next++));
    }
  }

  /** Every message of the slot in the order a processed subscriber with every filter sees it. */
  public List<SubscribeUpdate> updates() {
    List<SubscribeUpdate> out = new ArrayList<>();
    statuses.stream()
        .filter(
            s ->
                s.getStatus() == SlotStatus.SLOT_FIRST_SHRED_RECEIVED
                    || s.getStatus() == SlotStatus.SLOT_CREATED_BANK)
        .forEach(s -> out.add(SubscribeUpdate.newBuilder().setSlot(s).build()));
    out.addAll(processedContent());
    status(SlotStatus.SLOT_COMPLETED)
        .ifPresent(s -> out.add(SubscribeUpdate.newBuilder().setSlot(s).build()));
    blockMeta.ifPresent(m -> out.add(SubscribeUpdate.newBuilder().setBlockMeta(m).build()));
    for (SlotStatus level :
        List.of(
            SlotStatus.SLOT_DEAD,
            SlotStatus.SLOT_PROCESSED,
            SlotStatus.SLOT_CONFIRMED,
            SlotStatus.SLOT_FINALIZED)) {
      status(level).ifPresent(s -> out.add(SubscribeUpdate.newBuilder().setSlot(s).build()));
    }
    return out;
  }
}
