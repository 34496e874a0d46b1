package io.geyserindexer.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How much traffic the simulator produces: the time per slot and the transactions and account
 * writes in each. Either a {@link TrafficProfile} fixes all three, or the individual settings do
 * (each with its own default). Both together are rejected rather than merged: a benchmark that asks
 * for "mainnet-2x" and also for another slot size would otherwise measure something it did not
 * name.
 *
 * @param slotInterval time per slot; zero = as fast as the slowest subscriber drains
 * @param transactionsPerSlot transactions per slot, votes included
 * @param accountUpdatesPerSlot account writes per slot
 */
public record SlotRates(Duration slotInterval, int transactionsPerSlot, int accountUpdatesPerSlot) {

  static final long DEFAULT_SLOT_INTERVAL_MS = 400;
  static final int DEFAULT_TX_PER_SLOT = 200;
  static final int DEFAULT_ACCOUNTS_PER_SLOT = 300;

  /**
   * The rates from a profile or from the individual settings; a null argument was not given (by
   * flag, environment or config file).
   *
   * @throws IllegalArgumentException when a profile comes with any individual setting, or a value
   *     is out of range
   */
  public static SlotRates resolve(
      String profile,
      Long slotIntervalMs,
      Long eventsPerSecond,
      Integer transactionsPerSlot,
      Integer accountUpdatesPerSlot) {
    if (profile != null) {
      TrafficProfile named = TrafficProfile.named(profile);
      List<String> given = new ArrayList<>();
      addIf(given, slotIntervalMs, "--slot-interval-ms");
      addIf(given, eventsPerSecond, "--events-per-second");
      addIf(given, transactionsPerSlot, "--tx-per-slot");
      addIf(given, accountUpdatesPerSlot, "--accounts-per-slot");
      if (!given.isEmpty()) {
        throw new IllegalArgumentException(
            "--profile "
                + named.cliName()
                + " fixes the slot interval and the transactions and account writes per slot;"
                + " drop "
                + String.join(", ", given)
                + " (or its SIMULATOR_* variable) or the profile");
      }
      return new SlotRates(
          TrafficProfile.SLOT_INTERVAL, named.transactionsPerSlot(), named.accountUpdatesPerSlot());
    }
    int tx = transactionsPerSlot == null ? DEFAULT_TX_PER_SLOT : transactionsPerSlot;
    int accounts =
        accountUpdatesPerSlot == null ? DEFAULT_ACCOUNTS_PER_SLOT : accountUpdatesPerSlot;
    long rate = eventsPerSecond == null ? 0 : eventsPerSecond;
    if (rate < 0) {
      throw new IllegalArgumentException("events per second must be >= 0, was " + rate);
    }
    if (rate == 0) {
      long ms = slotIntervalMs == null ? DEFAULT_SLOT_INTERVAL_MS : slotIntervalMs;
      if (ms < 0) {
        throw new IllegalArgumentException("slot interval must be >= 0 ms, was " + ms);
      }
      return new SlotRates(Duration.ofMillis(ms), tx, accounts);
    }
    // The interval that yields the requested events/s at the per-slot counts.
    long perSlot = (long) tx + accounts;
    if (perSlot == 0) {
      throw new IllegalArgumentException(
          "events per second needs transactions or accounts per slot");
    }
    return new SlotRates(Duration.ofNanos(perSlot * 1_000_000_000L / rate), tx, accounts);
  }

  private static void addIf(List<String> given, Object value, String flag) {
    if (value != null) {
      given.add(flag);
    }
  }
}
