package io.geyserindexer.ingestor.config;

import io.geyserindexer.proto.geyser.SubscribeRequest;
import java.util.ArrayList;
import java.util.List;

/** A one-line description of a subscription for the start-up log: filter names and key counts. */
public final class SubscriptionSummary {

  private SubscriptionSummary() {}

  public static String of(SubscribeRequest r) {
    List<String> parts = new ArrayList<>();
    parts.add("commitment=" + r.getCommitment().name().toLowerCase(java.util.Locale.ROOT));
    r.getAccountsMap()
        .forEach(
            (name, f) ->
                parts.add(
                    "accounts."
                        + name
                        + "("
                        + f.getAccountCount()
                        + " accounts, "
                        + f.getOwnerCount()
                        + " owners, "
                        + f.getFiltersCount()
                        + " filters)"));
    r.getTransactionsMap()
        .forEach(
            (name, f) ->
                parts.add("transactions." + name + "(" + f.getAccountIncludeCount() + " include)"));
    r.getTransactionsStatusMap().keySet().forEach(name -> parts.add("transactions_status." + name));
    r.getSlotsMap().keySet().forEach(name -> parts.add("slots." + name));
    r.getBlocksMetaMap().keySet().forEach(name -> parts.add("blocks_meta." + name));
    r.getEntryMap().keySet().forEach(name -> parts.add("entry." + name));
    if (r.getAccountsDataSliceCount() > 0) {
      parts.add("accounts_data_slice=" + r.getAccountsDataSliceCount());
    }
    return String.join(" ", parts);
  }
}
