package io.geyserindexer.simulator.traffic;

/**
 * The shape of the synthetic traffic. Every value here, together with a slot number, fixes the
 * slot's content exactly: two models built from equal configs produce byte-identical slots.
 *
 * @param seed the root of every random choice
 * @param transactionsPerSlot transactions in each slot's block, votes included
 * @param accountUpdatesPerSlot account writes in each slot (several may hit one account)
 * @param voteShare share of transactions that are votes (mainnet: about two thirds)
 * @param failedShare share of non-vote transactions that fail
 * @param v0Share share of non-vote transactions that are v0 messages with address table lookups
 * @param tokenShare share of non-vote transactions that move SPL tokens
 * @param deadSlotWindow one slot in every window of this many slots dies; 0 disables dead slots
 * @param hotAccounts size of the stable pool of frequently written accounts
 * @param hotPrograms size of the stable pool of programs non-vote transactions call
 * @param validators size of the validator pool (identity + vote account pairs)
 */
public record TrafficConfig(
    long seed,
    int transactionsPerSlot,
    int accountUpdatesPerSlot,
    double voteShare,
    double failedShare,
    double v0Share,
    double tokenShare,
    int deadSlotWindow,
    int hotAccounts,
    int hotPrograms,
    int validators) {

  /** Upper bound so that write_version (slot * 2^20 + n) stays unique and increasing. */
  public static final int MAX_ACCOUNT_UPDATES_PER_SLOT = (1 << 20) - 1;

  public TrafficConfig {
    requireRange("transactionsPerSlot", transactionsPerSlot, 0, 100_000);
    requireRange("accountUpdatesPerSlot", accountUpdatesPerSlot, 0, MAX_ACCOUNT_UPDATES_PER_SLOT);
    requireShare("voteShare", voteShare);
    requireShare("failedShare", failedShare);
    requireShare("v0Share", v0Share);
    requireShare("tokenShare", tokenShare);
    requireRange("deadSlotWindow", deadSlotWindow, 0, Integer.MAX_VALUE);
    if (deadSlotWindow == 1 || deadSlotWindow == 2) {
      throw new IllegalArgumentException(
          "deadSlotWindow must be 0 (no dead slots) or at least 3, was " + deadSlotWindow);
    }
    requireRange("hotAccounts", hotAccounts, 1, 10_000);
    requireRange("hotPrograms", hotPrograms, 1, 1_000);
    requireRange("validators", validators, 1, 100_000);
  }

  /** Mainnet-like defaults for the given seed and rates. */
  public static TrafficConfig defaults(long seed, int transactionsPerSlot, int accountUpdates) {
    return new TrafficConfig(
        seed, transactionsPerSlot, accountUpdates, 0.66, 0.25, 0.4, 0.4, 50, 32, 8, 64);
  }

  private static void requireRange(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be in [" + min + ", " + max + "], was " + value);
    }
  }

  private static void requireShare(String name, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
    }
  }
}
