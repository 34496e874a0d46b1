package io.geyserindexer.ingestor.config;

import io.geyserindexer.proto.geyser.CommitmentLevel;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * What to subscribe to, as picocli options: either the simple settings (one variable each for the
 * common case) or a YAML subscription file, never both.
 */
public final class SubscriptionOptions {

  @Option(
      names = "--geyser-subscription-file",
      descriptionKey = "GEYSER_SUBSCRIPTION_FILE",
      description = "YAML subscription (replaces the simple subscription settings).")
  Path subscriptionFile;

  @Option(names = "--geyser-subscribe", descriptionKey = "GEYSER_SUBSCRIBE")
  String subscribe;

  @Option(names = "--geyser-accounts", descriptionKey = "GEYSER_ACCOUNTS")
  String accounts;

  @Option(names = "--geyser-account-owners", descriptionKey = "GEYSER_ACCOUNT_OWNERS")
  String accountOwners;

  @Option(names = "--geyser-tx-account-include", descriptionKey = "GEYSER_TX_ACCOUNT_INCLUDE")
  String txAccountInclude;

  @Option(names = "--geyser-tx-vote", descriptionKey = "GEYSER_TX_VOTE")
  String txVote;

  @Option(names = "--geyser-tx-failed", descriptionKey = "GEYSER_TX_FAILED")
  String txFailed;

  @Option(
      names = "--geyser-commitment",
      descriptionKey = "GEYSER_COMMITMENT",
      defaultValue = "confirmed")
  String commitment;

  /**
   * @throws IllegalArgumentException with one line naming the bad setting
   */
  SubscribeRequest toRequest() {
    CommitmentLevel level = SettingText.commitment("GEYSER_COMMITMENT", commitment);
    boolean simpleSet =
        subscribe != null
            || accounts != null
            || accountOwners != null
            || txAccountInclude != null
            || txVote != null
            || txFailed != null;
    if (subscriptionFile != null) {
      if (simpleSet) {
        throw new IllegalArgumentException(
            "GEYSER_SUBSCRIPTION_FILE is set together with GEYSER_SUBSCRIBE/GEYSER_ACCOUNTS/...; use"
                + " one or the other");
      }
      return SubscriptionFile.read(subscriptionFile, level);
    }
    return SubscriptionVariables.build(
        new SubscriptionVariables.Values(
            subscribe == null ? SubscriptionVariables.DEFAULT_SUBSCRIBE : subscribe,
            accounts,
            accountOwners,
            txAccountInclude,
            optionalBool("GEYSER_TX_VOTE", txVote),
            optionalBool("GEYSER_TX_FAILED", txFailed),
            level));
  }

  private static Boolean optionalBool(String setting, String text) {
    return text == null || text.isBlank() ? null : SettingText.bool(setting, text);
  }
}
