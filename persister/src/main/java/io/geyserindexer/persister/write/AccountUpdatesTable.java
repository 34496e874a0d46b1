package io.geyserindexer.persister.write;

import io.geyserindexer.proto.events.AccountUpdateEvent;
import java.util.Collection;
import java.util.List;

/**
 * {@code account_updates}: the history, one row per (pubkey, slot, write_version), never changed
 * once written. Also binds the columns it shares with {@code accounts}.
 */
final class AccountUpdatesTable implements EventTable {

  /** The unnest source both account tables select from (9 shared columns, then is_startup). */
  static final String SOURCE =
      """
      FROM (SELECT unnest(?::text[]) AS pubkey, unnest(?::bigint[]) AS slot,
              unnest(?::bigint[]) AS write_version, unnest(?::text[]) AS lamports,
              unnest(?::text[]) AS owner, unnest(?::boolean[]) AS executable,
              unnest(?::text[]) AS rent_epoch, unnest(?::bytea[]) AS data,
              unnest(?::text[]) AS txn_signature, unnest(?::boolean[]) AS is_startup) AS u
      """;

  private static final String SQL =
      "INSERT INTO account_updates (pubkey, slot, write_version, lamports, owner, executable,"
          + " rent_epoch, data, txn_signature, is_startup)"
          + " SELECT u.pubkey, u.slot, u.write_version, u.lamports::numeric, u.owner, u.executable,"
          + " u.rent_epoch::numeric, u.data, u.txn_signature, u.is_startup "
          + SOURCE
          + " ON CONFLICT (pubkey, slot, write_version) DO NOTHING";

  @Override
  public String name() {
    return "account_updates";
  }

  @Override
  public Rows rows(EventBatch batch) {
    return rows(SQL, batch.accountUpdates());
  }

  static Rows rows(String sql, Collection<AccountUpdateEvent> updates) {
    List<AccountUpdateEvent> rows = List.copyOf(updates);
    if (rows.isEmpty()) {
      return null;
    }
    int n = rows.size();
    String[] pubkey = new String[n];
    Long[] slot = new Long[n];
    Long[] writeVersion = new Long[n];
    String[] lamports = new String[n];
    String[] owner = new String[n];
    Boolean[] executable = new Boolean[n];
    String[] rentEpoch = new String[n];
    byte[][] data = new byte[n][];
    String[] txnSignature = new String[n];
    Boolean[] startup = new Boolean[n];
    for (int i = 0; i < n; i++) {
      AccountUpdateEvent row = rows.get(i);
      pubkey[i] = NulEscape.encode(row.getPubkey());
      slot[i] = row.getSlot();
      writeVersion[i] = row.getWriteVersion();
      lamports[i] = EventTable.unsigned(row.getLamports());
      owner[i] = NulEscape.encode(row.getOwner());
      executable[i] = row.getExecutable();
      rentEpoch[i] = EventTable.unsigned(row.getRentEpoch());
      data[i] = row.getData().toByteArray();
      txnSignature[i] = row.hasTxnSignature() ? NulEscape.encode(row.getTxnSignature()) : null;
      startup[i] = row.getIsStartup();
    }
    return new Rows(
        sql,
        List.of(
            pubkey,
            slot,
            writeVersion,
            lamports,
            owner,
            executable,
            rentEpoch,
            data,
            txnSignature,
            startup));
  }
}
