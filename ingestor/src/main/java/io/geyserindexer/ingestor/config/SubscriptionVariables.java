package io.geyserindexer.ingestor.config;

import io.geyserindexer.proto.geyser.CommitmentLevel;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterAccounts;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterBlocksMeta;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterEntry;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterSlots;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterTransactions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The common subscription from a few simple settings: which streams ({@code GEYSER_SUBSCRIBE}), the
 * accounts and owners to follow, the accounts a transaction must touch, and vote/failed switches.
 * Empty lists mean everything: the defaults ask for the whole chain.
 */
public final class SubscriptionVariables {

  public static final String DEFAULT_SUBSCRIBE = "accounts,transactions,slots,blocks_meta";
  static final Set<String> STREAMS =
      Set.of("accounts", "transactions", "slots", "blocks_meta", "transactions_status", "entries");

  /**
   * @param subscribe comma list of streams
   * @param vote null for both vote and non-vote transactions
   * @param failed null for both failed and successful transactions
   */
  public record Values(
      String subscribe,
      String accounts,
      String accountOwners,
      String txAccountInclude,
      Boolean vote,
      Boolean failed,
      CommitmentLevel commitment) {}

  private SubscriptionVariables() {}

  public static SubscribeRequest build(Values v) {
    Set<String> streams = new LinkedHashSet<>(SettingText.list(v.subscribe()));
    if (streams.isEmpty()) {
      throw new IllegalArgumentException("GEYSER_SUBSCRIBE names no stream");
    }
    for (String stream : streams) {
      if (!STREAMS.contains(stream)) {
        throw new IllegalArgumentException(
            "GEYSER_SUBSCRIBE holds '"
                + stream
                + "'; known streams: "
                + String.join(",", sorted()));
      }
    }
    SubscribeRequest.Builder request = SubscribeRequest.newBuilder().setCommitment(v.commitment());
    if (streams.contains("accounts")) {
      request.putAccounts(
          "accounts",
          SubscribeRequestFilterAccounts.newBuilder()
              .addAllAccount(SettingText.pubkeys("GEYSER_ACCOUNTS", SettingText.list(v.accounts())))
              .addAllOwner(
                  SettingText.pubkeys("GEYSER_ACCOUNT_OWNERS", SettingText.list(v.accountOwners())))
              .build());
    }
    SubscribeRequestFilterTransactions.Builder tx =
        SubscribeRequestFilterTransactions.newBuilder()
            .addAllAccountInclude(
                SettingText.pubkeys(
                    "GEYSER_TX_ACCOUNT_INCLUDE", SettingText.list(v.txAccountInclude())));
    if (v.vote() != null) {
      tx.setVote(v.vote());
    }
    if (v.failed() != null) {
      tx.setFailed(v.failed());
    }
    if (streams.contains("transactions")) {
      request.putTransactions("transactions", tx.build());
    }
    if (streams.contains("transactions_status")) {
      request.putTransactionsStatus("transactions_status", tx.build());
    }
    if (streams.contains("slots")) {
      request.putSlots("slots", SubscribeRequestFilterSlots.getDefaultInstance());
    }
    if (streams.contains("blocks_meta")) {
      request.putBlocksMeta("blocks_meta", SubscribeRequestFilterBlocksMeta.getDefaultInstance());
    }
    if (streams.contains("entries")) {
      request.putEntry("entries", SubscribeRequestFilterEntry.getDefaultInstance());
    }
    return request.build();
  }

  private static List<String> sorted() {
    return STREAMS.stream().sorted().toList();
  }
}
