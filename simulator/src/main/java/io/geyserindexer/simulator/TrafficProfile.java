package io.geyserindexer.simulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Named traffic rates for benchmarks. Mainnet carries about 4,000 transactions a second, two thirds
 * of them votes, and about ten account writes per non-vote transaction: with 400 ms slots that is
 * 1,600 transactions and 5,333 account writes per slot. The vote share is the model's default
 * (0.66) in every profile.
 */
public enum TrafficProfile {
  MAINNET("mainnet", 1_600, 5_333),
  MAINNET_2X("mainnet-2x", 3_200, 10_667);

  /** Mainnet's slot time. */
  public static final Duration SLOT_INTERVAL = Duration.ofMillis(400);

  private final String cliName;
  private final int transactionsPerSlot;
  private final int accountUpdatesPerSlot;

  TrafficProfile(String cliName, int transactionsPerSlot, int accountUpdatesPerSlot) {
    this.cliName = cliName;
    this.transactionsPerSlot = transactionsPerSlot;
    this.accountUpdatesPerSlot = accountUpdatesPerSlot;
  }

  /**
   * The profile called {@code name} on the command line.
   *
   * @throws IllegalArgumentException naming the known profiles
   */
  public static TrafficProfile named(String name) {
    for (TrafficProfile profile : values()) {
      if (profile.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
        return profile;
      }
    }
    throw new IllegalArgumentException(
        "unknown profile '" + name + "'; known profiles: " + names());
  }

  static String names() {
    return Arrays.stream(values()).map(p -> p.cliName).collect(Collectors.joining(", "));
  }

  public String cliName() {
    return cliName;
  }

  public int transactionsPerSlot() {
    return transactionsPerSlot;
  }

  public int accountUpdatesPerSlot() {
    return accountUpdatesPerSlot;
  }
}
