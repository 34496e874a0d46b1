package io.geyserindexer.persister.write;

import io.geyserindexer.proto.events.TokenBalance;
import io.geyserindexer.proto.events.TransactionEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code token_balances}: the pre/post token balance of each account of each transaction, keyed by
 * (signature, slot, account_index), never changed once written. Amounts are exact u64 decimals; a
 * side without an entry is null. Empty owner or program id means "not said" and is stored as null.
 */
final class TokenBalancesTable implements EventTable {

  private static final String SQL =
      """
      INSERT INTO token_balances (signature, slot, account_index, account, mint, owner, program_id,
                                  decimals, pre_amount, post_amount)
      SELECT u.signature, u.slot, u.account_index, u.account, u.mint, u.owner, u.program_id,
             u.decimals, u.pre_amount::numeric, u.post_amount::numeric
      FROM (SELECT unnest(?::text[]) AS signature, unnest(?::bigint[]) AS slot,
              unnest(?::integer[]) AS account_index, unnest(?::text[]) AS account,
              unnest(?::text[]) AS mint, unnest(?::text[]) AS owner, unnest(?::text[]) AS program_id,
              unnest(?::integer[]) AS decimals, unnest(?::text[]) AS pre_amount,
              unnest(?::text[]) AS post_amount) AS u
      ON CONFLICT (signature, slot, account_index) DO NOTHING
      """;

  @Override
  public String name() {
    return "token_balances";
  }

  @Override
  public Rows rows(EventBatch batch) {
    List<TransactionEvent> owners = new ArrayList<>();
    List<TokenBalance> rows = new ArrayList<>();
    for (TransactionEvent tx : batch.transactions()) {
      // One row per account index; if the source repeats an index, its last entry wins.
      Map<Integer, TokenBalance> byIndex = new LinkedHashMap<>();
      tx.getTokenBalancesList().forEach(b -> byIndex.put(b.getAccountIndex(), b));
      for (TokenBalance balance : byIndex.values()) {
        owners.add(tx);
        rows.add(balance);
      }
    }
    if (rows.isEmpty()) {
      return null;
    }
    int n = rows.size();
    String[] signature = new String[n];
    Long[] slot = new Long[n];
    Integer[] index = new Integer[n];
    String[] account = new String[n];
    String[] mint = new String[n];
    String[] owner = new String[n];
    String[] program = new String[n];
    Integer[] decimals = new Integer[n];
    String[] pre = new String[n];
    String[] post = new String[n];
    for (int i = 0; i < n; i++) {
      TransactionEvent tx = owners.get(i);
      TokenBalance row = rows.get(i);
      signature[i] = NulEscape.encode(tx.getSignature());
      slot[i] = tx.getSlot();
      index[i] = row.getAccountIndex();
      int at = row.getAccountIndex();
      account[i] =
          at >= 0 && at < tx.getAccountKeysCount() ? NulEscape.encode(tx.getAccountKeys(at)) : null;
      mint[i] = NulEscape.encode(row.getMint());
      owner[i] = row.getOwner().isEmpty() ? null : NulEscape.encode(row.getOwner());
      program[i] = row.getProgramId().isEmpty() ? null : NulEscape.encode(row.getProgramId());
      decimals[i] = row.getDecimals();
      pre[i] = row.hasPreAmount() ? EventTable.unsigned(row.getPreAmount()) : null;
      post[i] = row.hasPostAmount() ? EventTable.unsigned(row.getPostAmount()) : null;
    }
    return new Rows(
        SQL, List.of(signature, slot, index, account, mint, owner, program, decimals, pre, post));
  }
}
