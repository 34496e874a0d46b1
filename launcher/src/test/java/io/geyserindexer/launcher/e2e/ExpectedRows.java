package io.geyserindexer.launcher.e2e;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.Base58;
import io.geyserindexer.proto.TransactionKeys;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccount;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccountInfo;
import io.geyserindexer.proto.geyser.SubscribeUpdateBlockMeta;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransaction;
import io.geyserindexer.proto.solana.TokenBalance;
import io.geyserindexer.proto.solana.TransactionStatusMeta;
import io.geyserindexer.simulator.traffic.SlotContent;
import io.geyserindexer.simulator.traffic.TrafficModel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rows PostgreSQL must hold after indexing slots [from, to] of the model at confirmed
 * commitment (the ingestor's default): live slots only (a confirmed feed never carries a dead
 * slot's content, and without interslot updates not its DEAD status either), each account's last
 * write per slot, the latest write per account in {@code accounts}. Each row is one text line of
 * the same columns {@link #SQL} selects, so a mismatch prints readably.
 */
public final class ExpectedRows {

  /** Per table, the query whose rows (columns joined by '|') must equal the expected lines. */
  public static final Map<String, String> SQL =
      Map.of(
          "slots",
          "SELECT slot, parent_slot, status, dead_error FROM slots WHERE slot >= ?",
          "blocks",
          "SELECT slot, blockhash, parent_slot, parent_blockhash, block_height, block_time,"
              + " executed_transaction_count, entries_count FROM blocks WHERE slot >= ?",
          "transactions",
          "SELECT signature, slot, tx_index, is_vote, success, fee, compute_units_consumed,"
              + " array_to_string(account_keys, ','), recent_blockhash FROM transactions"
              + " WHERE slot >= ?",
          "token_balances",
          "SELECT signature, slot, account_index, account, mint, pre_amount, post_amount"
              + " FROM token_balances WHERE slot >= ?",
          "account_updates",
          "SELECT pubkey, slot, write_version, lamports, owner, encode(data, 'hex'),"
              + " txn_signature FROM account_updates WHERE slot >= ?",
          "accounts",
          "SELECT pubkey, slot, write_version, lamports, owner, encode(data, 'hex'),"
              + " txn_signature FROM accounts");

  private ExpectedRows() {}

  public static Map<String, Set<String>> of(TrafficModel model, long from, long to) {
    Map<String, Set<String>> rows = new TreeMap<>();
    SQL.keySet().forEach(table -> rows.put(table, new HashSet<>()));
    Map<String, SubscribeUpdateAccount> latest = new HashMap<>();
    for (long slot = from; slot <= to; slot++) {
      SlotContent content = model.slot(slot);
      if (content.dead()) {
        continue;
      }
      rows.get("slots").add(line(slot, content.parent(), "finalized", null));
      SubscribeUpdateBlockMeta meta = content.blockMeta().orElseThrow();
      rows.get("blocks")
          .add(
              line(
                  slot,
                  meta.getBlockhash(),
                  meta.getParentSlot(),
                  meta.getParentBlockhash(),
                  meta.getBlockHeight().getBlockHeight(),
                  meta.getBlockTime().getTimestamp(),
                  meta.getExecutedTransactionCount(),
                  meta.getEntriesCount()));
      for (SubscribeUpdateTransaction tx : content.transactions()) {
        transaction(rows, tx);
      }
      for (SubscribeUpdateAccount write : content.collapsedAccounts()) {
        rows.get("account_updates").add(account(write));
        latest.merge(
            b58(write.getAccount().getPubkey()),
            write,
            (a, b) ->
                Long.compare(a.getSlot(), b.getSlot()) != 0
                    ? (a.getSlot() > b.getSlot() ? a : b)
                    : (a.getAccount().getWriteVersion() > b.getAccount().getWriteVersion()
                        ? a
                        : b));
      }
    }
    latest.values().forEach(write -> rows.get("accounts").add(account(write)));
    return rows;
  }

  private static void transaction(Map<String, Set<String>> rows, SubscribeUpdateTransaction tx) {
    var info = tx.getTransaction();
    TransactionStatusMeta meta = info.getMeta();
    List<ByteString> keys = TransactionKeys.fullKeyList(info.getTransaction().getMessage(), meta);
    String signature = b58(info.getSignature());
    rows.get("transactions")
        .add(
            line(
                signature,
                tx.getSlot(),
                info.getIndex(),
                info.getIsVote(),
                !meta.hasErr(),
                Long.toUnsignedString(meta.getFee()),
                meta.hasComputeUnitsConsumed()
                    ? Long.toUnsignedString(meta.getComputeUnitsConsumed())
                    : null,
                String.join(",", keys.stream().map(ExpectedRows::b58).toList()),
                b58(info.getTransaction().getMessage().getRecentBlockhash())));
    Map<Integer, String[]> balances = new TreeMap<>();
    for (TokenBalance pre : meta.getPreTokenBalancesList()) {
      balance(balances, pre, keys, signature, tx.getSlot())[5] = pre.getUiTokenAmount().getAmount();
    }
    for (TokenBalance post : meta.getPostTokenBalancesList()) {
      balance(balances, post, keys, signature, tx.getSlot())[6] =
          post.getUiTokenAmount().getAmount();
    }
    balances.values().forEach(b -> rows.get("token_balances").add(String.join("|", b)));
  }

  /** The token_balances row of one account index: pre and post amounts merged. */
  private static String[] balance(
      Map<Integer, String[]> balances,
      TokenBalance b,
      List<ByteString> keys,
      String signature,
      long slot) {
    return balances.computeIfAbsent(
        b.getAccountIndex(),
        i ->
            new String[] {
              signature,
              String.valueOf(slot),
              String.valueOf(i),
              i < keys.size() ? b58(keys.get(i)) : "null",
              b.getMint(),
              "null",
              "null"
            });
  }

  private static String account(SubscribeUpdateAccount write) {
    SubscribeUpdateAccountInfo info = write.getAccount();
    return line(
        b58(info.getPubkey()),
        write.getSlot(),
        info.getWriteVersion(),
        Long.toUnsignedString(info.getLamports()),
        b58(info.getOwner()),
        HexFormat.of().formatHex(info.getData().toByteArray()),
        info.hasTxnSignature() ? b58(info.getTxnSignature()) : null);
  }

  public static String line(Object... values) {
    StringBuilder out = new StringBuilder();
    for (Object value : values) {
      if (out.length() > 0) {
        out.append('|');
      }
      out.append(value);
    }
    return out.toString();
  }

  private static String b58(ByteString bytes) {
    return Base58.encode(bytes.toByteArray());
  }
}
