package io.geyserindexer.simulator.traffic;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.Base58;

/**
 * The chain skeleton in closed form: which slots die, each slot's parent, block height, blockhash
 * and block time. Closed form matters: a test can ask about slot 300,000,000 without walking the
 * chain from genesis.
 *
 * <p>Invariant: exactly one slot in each window of {@code deadSlotWindow} slots dies, at a position
 * drawn from (seed, window); so at most two consecutive slots are dead and block heights of live
 * slots strictly increase.
 */
public final class SlotChain {

  /** Mainnet's genesis time; block_time = genesis + 0.4 s per slot. */
  private static final long GENESIS_UNIX_SECONDS = 1_584_368_940L;

  private static final String[] DEAD_ERRORS = {
    "FailedToLoadEntries(InvalidShredData(Custom(\"could not reconstruct entries\")))",
    "TooFewTicks",
    "InvalidTickHashCount",
    "BlockError(TrailingEntry)",
    "InvalidLastTick"
  };

  private final long seed;
  private final int deadSlotWindow;

  public SlotChain(long seed, int deadSlotWindow) {
    this.seed = seed;
    this.deadSlotWindow = deadSlotWindow;
  }

  public boolean isDead(long slot) {
    if (deadSlotWindow == 0 || slot < 0) {
      return false;
    }
    return Math.floorMod(slot, deadSlotWindow) == deadPosition(Math.floorDiv(slot, deadSlotWindow));
  }

  /** The nearest earlier slot that did not die. */
  public long parent(long slot) {
    long parent = slot - 1;
    while (isDead(parent)) {
      parent--;
    }
    return parent;
  }

  /** Live slots up to and including {@code slot}, so each live slot has a distinct height. */
  public long blockHeight(long slot) {
    if (deadSlotWindow == 0) {
      return slot;
    }
    long window = Math.floorDiv(slot, deadSlotWindow);
    long deadBefore =
        window + (Math.floorMod(slot, deadSlotWindow) >= deadPosition(window) ? 1 : 0);
    return slot - deadBefore;
  }

  public long blockTime(long slot) {
    return GENESIS_UNIX_SECONDS + slot * 2 / 5;
  }

  /** 32 raw bytes: the slot's blockhash, independent of its content. */
  public ByteString blockhashBytes(long slot) {
    return new SeededRandom(seed, slot, 0x424C4F434BL).bytes(32);
  }

  public String blockhash(long slot) {
    return Base58.encode(blockhashBytes(slot).toByteArray());
  }

  public String deadError(long slot) {
    return DEAD_ERRORS[(int) Math.floorMod(SeededRandom.mix(seed + slot), DEAD_ERRORS.length)];
  }

  private int deadPosition(long window) {
    return (int) Math.floorMod(SeededRandom.mix(seed * 7919 + window), (long) deadSlotWindow);
  }
}
