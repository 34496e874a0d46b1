package io.geyserindexer.persister.write;

import io.geyserindexer.proto.events.BlockMetaEvent;
import io.geyserindexer.proto.events.Reward;
import java.util.List;

/**
 * {@code blocks}: one row per slot. At processed commitment a slot's block can be replaced by
 * another one, so the newest record wins; a row is only touched when something differs, so
 * redelivery of the same record writes nothing.
 */
final class BlocksTable implements EventTable {

  private static final String SQL =
      """
      INSERT INTO blocks (slot, blockhash, parent_slot, parent_blockhash, block_height, block_time,
                          executed_transaction_count, entries_count, rewards, rewards_num_partitions)
      SELECT u.slot, u.blockhash, u.parent_slot, u.parent_blockhash, u.block_height, u.block_time,
             u.executed_transaction_count, u.entries_count, u.rewards::jsonb,
             u.rewards_num_partitions
      FROM (SELECT unnest(?::bigint[]) AS slot, unnest(?::text[]) AS blockhash,
              unnest(?::bigint[]) AS parent_slot, unnest(?::text[]) AS parent_blockhash,
              unnest(?::bigint[]) AS block_height, unnest(?::bigint[]) AS block_time,
              unnest(?::bigint[]) AS executed_transaction_count,
              unnest(?::bigint[]) AS entries_count, unnest(?::text[]) AS rewards,
              unnest(?::bigint[]) AS rewards_num_partitions) AS u
      ON CONFLICT (slot) DO UPDATE SET
        blockhash = excluded.blockhash,
        parent_slot = excluded.parent_slot,
        parent_blockhash = excluded.parent_blockhash,
        block_height = excluded.block_height,
        block_time = excluded.block_time,
        executed_transaction_count = excluded.executed_transaction_count,
        entries_count = excluded.entries_count,
        rewards = excluded.rewards,
        rewards_num_partitions = excluded.rewards_num_partitions
      WHERE ROW(blocks.*) IS DISTINCT FROM ROW(excluded.*)
      """;

  @Override
  public String name() {
    return "blocks";
  }

  @Override
  public Rows rows(EventBatch batch) {
    List<BlockMetaEvent> rows = List.copyOf(batch.blocks());
    if (rows.isEmpty()) {
      return null;
    }
    int n = rows.size();
    Long[] slot = new Long[n];
    String[] blockhash = new String[n];
    Long[] parentSlot = new Long[n];
    String[] parentBlockhash = new String[n];
    Long[] height = new Long[n];
    Long[] time = new Long[n];
    Long[] txCount = new Long[n];
    Long[] entries = new Long[n];
    String[] rewards = new String[n];
    Long[] partitions = new Long[n];
    for (int i = 0; i < n; i++) {
      BlockMetaEvent row = rows.get(i);
      slot[i] = row.getSlot();
      blockhash[i] = NulEscape.encode(row.getBlockhash());
      parentSlot[i] = row.getParentSlot();
      parentBlockhash[i] = NulEscape.encode(row.getParentBlockhash());
      height[i] = row.hasBlockHeight() ? row.getBlockHeight() : null;
      time[i] = row.hasBlockTime() ? row.getBlockTime() : null;
      txCount[i] = row.getExecutedTransactionCount();
      entries[i] = row.getEntriesCount();
      rewards[i] = rewardsJson(row.getRewardsList());
      partitions[i] = row.hasRewardsNumPartitions() ? row.getRewardsNumPartitions() : null;
    }
    return new Rows(
        SQL,
        List.of(
            slot,
            blockhash,
            parentSlot,
            parentBlockhash,
            height,
            time,
            txCount,
            entries,
            rewards,
            partitions));
  }

  /** Rewards as a jsonb array; post_balance is a u64, so it is a decimal string. */
  static String rewardsJson(List<Reward> rewards) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < rewards.size(); i++) {
      Reward reward = rewards.get(i);
      out.append(i == 0 ? "{" : ",{").append("\"pubkey\":");
      SqlLiterals.jsonString(out, reward.getPubkey());
      out.append(",\"lamports\":").append(reward.getLamports());
      out.append(",\"post_balance\":\"").append(Long.toUnsignedString(reward.getPostBalance()));
      out.append("\",\"reward_type\":");
      SqlLiterals.jsonString(out, reward.getRewardType());
      out.append(",\"commission\":");
      SqlLiterals.jsonString(out, reward.getCommission());
      out.append('}');
    }
    return out.append(']').toString();
  }
}
