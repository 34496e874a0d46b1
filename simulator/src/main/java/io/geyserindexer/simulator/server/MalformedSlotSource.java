package io.geyserindexer.simulator.server;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccount;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccountInfo;
import io.geyserindexer.simulator.traffic.SlotContent;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chaos: adds one invalid account write (a 5-byte pubkey, which no Solana key can be) to a seeded
 * share of live slots, so a client's handling of malformed upstream updates can be checked. Which
 * slots carry one is a pure function of (seed, slot, share), so a test knows exactly which slots to
 * expect a rejection for, whatever the order or repetition of replays.
 */
public final class MalformedSlotSource implements SlotSource, AutoCloseable {

  /** Length of the invalid pubkey; valid ones have 32 bytes. */
  public static final int MALFORMED_PUBKEY_BYTES = 5;

  private final SlotSource delegate;
  private final long seed;
  private final double share;

  public MalformedSlotSource(SlotSource delegate, long seed, double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("malformed share must be in [0, 1], was " + share);
    }
    this.delegate = delegate;
    this.seed = seed;
    this.share = share;
  }

  /** True when a live {@code slot} carries an invalid write at this seed and share. */
  public static boolean carriesMalformed(long seed, long slot, double share) {
    // A fresh generator per slot: the answer does not depend on which slots were asked before.
    return share > 0
        && new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ slot).nextDouble() < share;
  }

  @Override
  public boolean hasNext() {
    return delegate.hasNext();
  }

  @Override
  public SlotContent next() {
    SlotContent slot = delegate.next();
    if (slot.dead() || !carriesMalformed(seed, slot.slot(), share)) {
      return slot;
    }
    List<SubscribeUpdateAccount> accounts = new ArrayList<>(slot.accounts());
    long writeVersion =
        accounts.isEmpty() ? 0 : accounts.get(accounts.size() - 1).getAccount().getWriteVersion();
    accounts.add(
        SubscribeUpdateAccount.newBuilder()
            .setSlot(slot.slot())
            .setAccount(
                SubscribeUpdateAccountInfo.newBuilder()
                    .setPubkey(ByteString.copyFrom(new byte[MALFORMED_PUBKEY_BYTES]))
                    .setOwner(ByteString.copyFrom(new byte[32]))
                    .setLamports(1)
                    .setWriteVersion(writeVersion))
            .build());
    return new SlotContent(
        slot.slot(),
        slot.parent(),
        slot.transactions(),
        accounts,
        slot.blockMeta(),
        slot.statuses());
  }

  /** Closes the wrapped source when it holds resources (a capture file). */
  @Override
  public void close() throws Exception {
    if (delegate instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  @Override
  public String toString() {
    return "malformed(" + share + ") " + delegate;
  }
}
