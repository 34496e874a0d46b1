package io.geyserindexer.simulator.filter;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.geyser.CommitmentLevel;
import io.geyserindexer.proto.geyser.SlotStatus;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import io.geyserindexer.proto.geyser.SubscribeRequestAccountsDataSlice;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterSlots;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccountInfo;
import io.geyserindexer.proto.geyser.SubscribeUpdateSlot;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransactionInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subscription's complete, compiled filter set. Each later non-ping request compiles into a new
 * one that replaces the old (no merging), as upstream does. Every match method returns the names of
 * the matching filters, which go into {@code SubscribeUpdate.filters}; empty means "do not send".
 *
 * <p>Not served: {@code blocks} and {@code entry} filters are accepted but never match (the
 * simulator produces no full blocks or entries).
 */
public final class SubscriptionFilter {

  /** The filter of a session that has sent no request yet: only pings flow. */
  public static final SubscriptionFilter EMPTY = new SubscriptionFilter();

  private final Map<String, AccountFilter> accounts;
  private final Map<String, TransactionFilter> transactions;
  private final Map<String, TransactionFilter> transactionsStatus;
  private final Map<String, SubscribeRequestFilterSlots> slots;
  private final List<String> blocksMeta;
  private final List<SubscribeRequestAccountsDataSlice> dataSlices;
  private final CommitmentLevel commitment;

  private SubscriptionFilter() {
    this.accounts = Map.of();
    this.transactions = Map.of();
    this.transactionsStatus = Map.of();
    this.slots = Map.of();
    this.blocksMeta = List.of();
    this.dataSlices = List.of();
    this.commitment = CommitmentLevel.PROCESSED;
  }

  private SubscriptionFilter(SubscribeRequest request) throws FilterException {
    if (request.hasCommitment() && request.getCommitment() == CommitmentLevel.UNRECOGNIZED) {
      throw new FilterException(
          "failed to create CommitmentLevel from " + request.getCommitmentValue());
    }
    this.commitment = request.hasCommitment() ? request.getCommitment() : CommitmentLevel.PROCESSED;
    Map<String, AccountFilter> accountFilters = new LinkedHashMap<>();
    for (var entry : request.getAccountsMap().entrySet()) {
      FilterKeys.checkName(entry.getKey());
      accountFilters.put(entry.getKey(), AccountFilter.compile(entry.getValue()));
    }
    this.accounts = accountFilters;
    this.transactions = compileTransactions(request.getTransactionsMap());
    this.transactionsStatus = compileTransactions(request.getTransactionsStatusMap());
    for (String name : request.getSlotsMap().keySet()) {
      FilterKeys.checkName(name);
    }
    this.slots = new LinkedHashMap<>(request.getSlotsMap());
    for (String name : request.getBlocksMetaMap().keySet()) {
      FilterKeys.checkName(name);
    }
    this.blocksMeta = List.copyOf(request.getBlocksMetaMap().keySet());
    this.dataSlices = checkSlices(request.getAccountsDataSliceList());
  }

  /** Compiles a request; the message of the exception is what the client reads. */
  public static SubscriptionFilter compile(SubscribeRequest request) throws FilterException {
    return new SubscriptionFilter(request);
  }

  public CommitmentLevel commitment() {
    return commitment;
  }

  public List<String> accountMatches(SubscribeUpdateAccountInfo account) {
    List<String> names = new ArrayList<>(1);
    accounts.forEach((name, f) -> addIf(names, name, f.matches(account)));
    return names;
  }

  public List<String> transactionMatches(SubscribeUpdateTransactionInfo tx) {
    List<String> names = new ArrayList<>(1);
    transactions.forEach((name, f) -> addIf(names, name, f.matches(tx)));
    return names;
  }

  public List<String> transactionStatusMatches(SubscribeUpdateTransactionInfo tx) {
    List<String> names = new ArrayList<>(1);
    transactionsStatus.forEach((name, f) -> addIf(names, name, f.matches(tx)));
    return names;
  }

  /**
   * Lifecycle statuses need interslot_updates; commitment statuses pass unless filter_by_commitment
   * keeps only the subscription's own level.
   */
  public List<String> slotMatches(SubscribeUpdateSlot slot) {
    List<String> names = new ArrayList<>(1);
    boolean lifecycle = lifecycleLevel(slot.getStatus()) == null;
    slots.forEach(
        (name, f) -> {
          boolean match =
              lifecycle
                  ? f.getInterslotUpdates()
                  : !f.getFilterByCommitment() || lifecycleLevel(slot.getStatus()) == commitment;
          addIf(names, name, match);
        });
    return names;
  }

  public List<String> blockMetaMatches() {
    return blocksMeta;
  }

  /** The account's data cut to the subscription's slices (concatenated), or whole without any. */
  public SubscribeUpdateAccountInfo slice(SubscribeUpdateAccountInfo account) {
    if (dataSlices.isEmpty()) {
      return account;
    }
    ByteString data = account.getData();
    ByteString out = ByteString.EMPTY;
    for (SubscribeRequestAccountsDataSlice slice : dataSlices) {
      long end = slice.getOffset() + slice.getLength();
      if (end <= data.size()) {
        out = out.concat(data.substring((int) slice.getOffset(), (int) end));
      }
    }
    return account.toBuilder().setData(out).build();
  }

  /** The commitment a status stands for, or null for a lifecycle status. */
  static CommitmentLevel lifecycleLevel(SlotStatus status) {
    return switch (status) {
      case SLOT_PROCESSED -> CommitmentLevel.PROCESSED;
      case SLOT_CONFIRMED -> CommitmentLevel.CONFIRMED;
      case SLOT_FINALIZED -> CommitmentLevel.FINALIZED;
      default -> null;
    };
  }

  private static Map<String, TransactionFilter> compileTransactions(
      Map<String, io.geyserindexer.proto.geyser.SubscribeRequestFilterTransactions> requests)
      throws FilterException {
    Map<String, TransactionFilter> out = new LinkedHashMap<>();
    for (var entry : requests.entrySet()) {
      FilterKeys.checkName(entry.getKey());
      out.put(entry.getKey(), TransactionFilter.compile(entry.getValue()));
    }
    return out;
  }

  private static List<SubscribeRequestAccountsDataSlice> checkSlices(
      List<SubscribeRequestAccountsDataSlice> slices) throws FilterException {
    for (int i = 1; i < slices.size(); i++) {
      SubscribeRequestAccountsDataSlice previous = slices.get(i - 1);
      if (slices.get(i).getOffset() < previous.getOffset()) {
        throw new FilterException("data slices out of order");
      }
      if (slices.get(i).getOffset() < previous.getOffset() + previous.getLength()) {
        throw new FilterException("data slices overlapped");
      }
    }
    return List.copyOf(slices);
  }

  private static void addIf(List<String> names, String name, boolean match) {
    if (match) {
      names.add(name);
    }
  }
}
