package io.geyserindexer.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * A traffic shape for the simulator, given with its explicit flags so the run does not depend on
 * the simulator's defaults. Mainnet today: about 4,000 transactions/s, two thirds of them votes,
 * and account writes at ten times the non-vote transaction rate, in 400 ms slots.
 */
record Profile(String name, long slotIntervalMs, int txPerSlot, int accountsPerSlot) {

  static final Profile MAINNET = new Profile("mainnet", 400, 1_600, 5_333);
  static final Profile MAINNET_2X = new Profile("mainnet-2x", 400, 3_200, 10_667);

  /** Transactions plus account updates per second the simulator is asked for. */
  double updatesPerSecond() {
    return (txPerSlot + accountsPerSlot) * 1000.0 / slotIntervalMs;
  }

  List<String> simulatorArgs() {
    return List.of(
        "--slot-interval-ms", Long.toString(slotIntervalMs),
        "--tx-per-slot", Integer.toString(txPerSlot),
        "--accounts-per-slot", Integer.toString(accountsPerSlot));
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "%s: %d ms slots, %,d tx/slot (%,.0f tx/s, about two thirds votes), %,d account updates/slot"
            + " (%,.0f/s); %,.0f updates/s in all",
        name,
        slotIntervalMs,
        txPerSlot,
        txPerSlot * 1000.0 / slotIntervalMs,
        accountsPerSlot,
        accountsPerSlot * 1000.0 / slotIntervalMs,
        updatesPerSecond());
  }
}
