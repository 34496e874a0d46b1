package io.geyserindexer.simulator.traffic;

import io.geyserindexer.proto.Base58;
import io.geyserindexer.proto.geyser.SlotStatus;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccount;
import io.geyserindexer.proto.geyser.SubscribeUpdateBlockMeta;
import io.geyserindexer.proto.geyser.SubscribeUpdateSlot;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransaction;
import io.geyserindexer.proto.solana.BlockHeight;
import io.geyserindexer.proto.solana.Reward;
import io.geyserindexer.proto.solana.RewardType;
import io.geyserindexer.proto.solana.Rewards;
import io.geyserindexer.proto.solana.UnixTimestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Synthetic mainnet-shaped traffic as a pure function of (config, slot): {@link #slot(long)}
 * returns the same bytes for the same inputs, in any order and on any thread, so a test can compute
 * exactly what a consumer of the stream must have stored.
 */
public final class TrafficModel {

  private static final long TRANSACTIONS = 1;
  private static final long ACCOUNTS = 2;
  private static final long BLOCK = 3;

  private final TrafficConfig config;
  private final KeyPool keys;
  private final SlotChain chain;
  private final VoteTransactionFactory votes;
  private final ProgramTransactionFactory programs;
  private final AccountUpdateFactory accounts;

  public TrafficModel(TrafficConfig config) {
    this.config = config;
    this.keys = new KeyPool(config);
    this.chain = new SlotChain(config.seed(), config.deadSlotWindow());
    this.votes = new VoteTransactionFactory(keys);
    this.programs = new ProgramTransactionFactory(keys);
    this.accounts = new AccountUpdateFactory(keys);
  }

  public TrafficConfig config() {
    return config;
  }

  public KeyPool keys() {
    return keys;
  }

  public SlotChain chain() {
    return chain;
  }

  public SlotContent slot(long slot) {
    if (slot < 1) {
      throw new IllegalArgumentException("slot must be positive, was " + slot);
    }
    long parent = chain.parent(slot);
    boolean dead = chain.isDead(slot);
    SeededRandom txRandom = new SeededRandom(config.seed(), slot, TRANSACTIONS);
    List<GeneratedTransaction> generated = new ArrayList<>(config.transactionsPerSlot());
    for (int i = 0; i < config.transactionsPerSlot(); i++) {
      generated.add(
          txRandom.chance(config.voteShare())
              ? votes.create(txRandom, chain.blockhashBytes(parent), i)
              : programs.create(txRandom, config, chain.blockhashBytes(parent), i));
    }
    List<SubscribeUpdateTransaction> transactions =
        generated.stream()
            .map(
                g ->
                    SubscribeUpdateTransaction.newBuilder()
                        .setTransaction(g.info())
                        .setSlot(slot)
                        .build())
            .toList();
    List<SubscribeUpdateAccount> writes =
        accounts.create(
            new SeededRandom(config.seed(), slot, ACCOUNTS),
            slot,
            generated,
            config.accountUpdatesPerSlot());
    Optional<SubscribeUpdateBlockMeta> meta =
        dead ? Optional.empty() : Optional.of(blockMeta(slot, parent, transactions));
    return new SlotContent(slot, parent, transactions, writes, meta, statuses(slot, parent, dead));
  }

  private SubscribeUpdateBlockMeta blockMeta(
      long slot, long parent, List<SubscribeUpdateTransaction> transactions) {
    long fees = 0;
    for (SubscribeUpdateTransaction tx : transactions) {
      fees += tx.getTransaction().getMeta().getFee();
    }
    // The leader rotates every four slots, as on mainnet; it earns half the fees.
    KeyPool.Validator leader =
        keys.validators()
            .get(
                (int)
                    Math.floorMod(
                        SeededRandom.mix(config.seed() + slot / 4),
                        (long) keys.validators().size()));
    SeededRandom random = new SeededRandom(config.seed(), slot, BLOCK);
    Reward reward =
        Reward.newBuilder()
            .setPubkey(Base58.encode(leader.identity().toByteArray()))
            .setLamports(fees / 2)
            .setPostBalance(random.nextLong(1_000_000_000L, 500_000_000_000L))
            .setRewardType(RewardType.Fee)
            .build();
    return SubscribeUpdateBlockMeta.newBuilder()
        .setSlot(slot)
        .setBlockhash(chain.blockhash(slot))
        .setRewards(Rewards.newBuilder().addRewards(reward))
        .setBlockTime(UnixTimestamp.newBuilder().setTimestamp(chain.blockTime(slot)))
        .setBlockHeight(BlockHeight.newBuilder().setBlockHeight(chain.blockHeight(slot)))
        .setParentSlot(parent)
        .setParentBlockhash(chain.blockhash(parent))
        .setExecutedTransactionCount(transactions.size())
        .setEntriesCount(transactions.size() / 8 + 64)
        .build();
  }

  private List<SubscribeUpdateSlot> statuses(long slot, long parent, boolean dead) {
    List<SubscribeUpdateSlot> out = new ArrayList<>();
    out.add(status(slot, parent, SlotStatus.SLOT_FIRST_SHRED_RECEIVED));
    out.add(status(slot, parent, SlotStatus.SLOT_CREATED_BANK));
    if (dead) {
      out.add(
          status(slot, parent, SlotStatus.SLOT_DEAD).toBuilder()
              .setDeadError(chain.deadError(slot))
              .build());
      return out;
    }
    out.add(status(slot, parent, SlotStatus.SLOT_COMPLETED));
    out.add(status(slot, parent, SlotStatus.SLOT_PROCESSED));
    out.add(status(slot, parent, SlotStatus.SLOT_CONFIRMED));
    out.add(status(slot, parent, SlotStatus.SLOT_FINALIZED));
    return out;
  }

  private static SubscribeUpdateSlot status(long slot, long parent, SlotStatus status) {
    return SubscribeUpdateSlot.newBuilder()
        .setSlot(slot)
        .setParent(parent)
        .setStatus(status)
        .build();
  }
}
