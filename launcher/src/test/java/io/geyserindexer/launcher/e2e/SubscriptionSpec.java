package io.geyserindexer.launcher.e2e;

import io.geyserindexer.proto.geyser.CommitmentLevel;
import io.geyserindexer.proto.geyser.SlotStatus;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccount;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccountInfo;
import io.geyserindexer.proto.geyser.SubscribeUpdateSlot;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransaction;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransactionInfo;
import io.geyserindexer.simulator.traffic.SlotContent;
import io.geyserindexer.simulator.traffic.TrafficModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A subscription stated twice, side by side: as the YAML the ingestor reads
 * (GEYSER_SUBSCRIPTION_FILE) and as plain predicates, from which {@link #expected} derives what a
 * Yellowstone server must send for a slot range. The derivation is written here from the protocol
 * notes (commitment table, slot status rules), not taken from the simulator's renderer, so the test
 * checks the simulator instead of repeating it.
 *
 * @param interslot whether the slots filter asks for lifecycle statuses (FIRST_SHRED_RECEIVED,
 *     CREATED_BANK, COMPLETED, DEAD)
 */
record SubscriptionSpec(
    CommitmentLevel commitment,
    Map<String, Predicate<SubscribeUpdateAccountInfo>> accounts,
    Map<String, Predicate<SubscribeUpdateTransactionInfo>> transactions,
    String slotsFilter,
    boolean interslot,
    String blocksMetaFilter,
    String yaml) {

  /** Every update the server owes this subscription for {@code slot}, filters named. */
  List<SubscribeUpdate> expected(TrafficModel model, long slot) {
    SlotContent content = model.slot(slot);
    List<SubscribeUpdate> out = new ArrayList<>();
    boolean processed = commitment == CommitmentLevel.PROCESSED;
    // Confirmed and finalized feeds never see a dead slot's content and get each account's last
    // write of the slot only; a processed feed gets every write as it happens.
    if (processed || !content.dead()) {
      List<SubscribeUpdateAccount> writes =
          processed ? content.accounts() : content.collapsedAccounts();
      for (SubscribeUpdateAccount write : writes) {
        List<String> names = matching(accounts, write.getAccount());
        if (!names.isEmpty()) {
          out.add(SubscribeUpdate.newBuilder().addAllFilters(names).setAccount(write).build());
        }
      }
      for (SubscribeUpdateTransaction tx : content.transactions()) {
        List<String> names = matching(transactions, tx.getTransaction());
        if (!names.isEmpty()) {
          out.add(SubscribeUpdate.newBuilder().addAllFilters(names).setTransaction(tx).build());
        }
      }
      if (blocksMetaFilter != null && content.blockMeta().isPresent()) {
        out.add(
            SubscribeUpdate.newBuilder()
                .addFilters(blocksMetaFilter)
                .setBlockMeta(content.blockMeta().get())
                .build());
      }
    }
    if (slotsFilter != null) {
      for (SubscribeUpdateSlot status : content.statuses()) {
        if (interslot || isCommitmentStatus(status.getStatus())) {
          out.add(SubscribeUpdate.newBuilder().addFilters(slotsFilter).setSlot(status).build());
        }
      }
    }
    return out;
  }

  private static boolean isCommitmentStatus(SlotStatus status) {
    return status == SlotStatus.SLOT_PROCESSED
        || status == SlotStatus.SLOT_CONFIRMED
        || status == SlotStatus.SLOT_FINALIZED;
  }

  private static <T> List<String> matching(Map<String, Predicate<T>> filters, T value) {
    List<String> names = new ArrayList<>();
    filters.forEach(
        (name, filter) -> {
          if (filter.test(value)) {
            names.add(name);
          }
        });
    return names;
  }

  /** A builder, so each test reads as its subscription. */
  static final class Builder {
    private final CommitmentLevel commitment;
    private final Map<String, Predicate<SubscribeUpdateAccountInfo>> accounts =
        new LinkedHashMap<>();
    private final Map<String, Predicate<SubscribeUpdateTransactionInfo>> transactions =
        new LinkedHashMap<>();
    private String slotsFilter;
    private boolean interslot;
    private String blocksMetaFilter;
    private final StringBuilder accountsYaml = new StringBuilder();
    private final StringBuilder transactionsYaml = new StringBuilder();

    Builder(CommitmentLevel commitment) {
      this.commitment = commitment;
    }

    Builder accounts(String name, String yamlBody, Predicate<SubscribeUpdateAccountInfo> filter) {
      accounts.put(name, filter);
      accountsYaml.append("  ").append(name).append(": ").append(yamlBody).append('\n');
      return this;
    }

    Builder transactions(
        String name, String yamlBody, Predicate<SubscribeUpdateTransactionInfo> filter) {
      transactions.put(name, filter);
      transactionsYaml.append("  ").append(name).append(": ").append(yamlBody).append('\n');
      return this;
    }

    Builder slots(String name, boolean interslotUpdates) {
      this.slotsFilter = name;
      this.interslot = interslotUpdates;
      return this;
    }

    Builder blocksMeta(String name) {
      this.blocksMetaFilter = name;
      return this;
    }

    SubscriptionSpec build() {
      StringBuilder yaml = new StringBuilder();
      yaml.append("commitment: ").append(commitment.name().toLowerCase()).append('\n');
      if (!accounts.isEmpty()) {
        yaml.append("accounts:\n").append(accountsYaml);
      }
      if (!transactions.isEmpty()) {
        yaml.append("transactions:\n").append(transactionsYaml);
      }
      if (slotsFilter != null) {
        yaml.append("slots:\n  ")
            .append(slotsFilter)
            .append(": {interslot_updates: ")
            .append(interslot)
            .append("}\n");
      }
      if (blocksMetaFilter != null) {
        yaml.append("blocks_meta:\n  ").append(blocksMetaFilter).append(": {}\n");
      }
      return new SubscriptionSpec(
          commitment,
          Map.copyOf(accounts),
          Map.copyOf(transactions),
          slotsFilter,
          interslot,
          blocksMetaFilter,
          yaml.toString());
    }
  }
}
