package io.geyserindexer.persister.write;

/**
 * {@code accounts}: the latest state per pubkey. A row is replaced only by a strictly greater
 * (slot, write_version), so an old write redelivered after a newer one, or replayed, never wins.
 */
final class AccountsTable implements EventTable {

  private static final String SQL =
      "INSERT INTO accounts (pubkey, slot, write_version, lamports, owner, executable, rent_epoch,"
          + " data, txn_signature)"
          + " SELECT u.pubkey, u.slot, u.write_version, u.lamports::numeric, u.owner, u.executable,"
          + " u.rent_epoch::numeric, u.data, u.txn_signature "
          + AccountUpdatesTable.SOURCE
          + """
           ON CONFLICT (pubkey) DO UPDATE SET
            slot = excluded.slot,
            write_version = excluded.write_version,
            lamports = excluded.lamports,
            owner = excluded.owner,
            executable = excluded.executable,
            rent_epoch = excluded.rent_epoch,
            data = excluded.data,
            txn_signature = excluded.txn_signature
          WHERE (excluded.slot, excluded.write_version) > (accounts.slot, accounts.write_version)
          """;

  @Override
  public String name() {
    return "accounts";
  }

  @Override
  public Rows rows(EventBatch batch) {
    return AccountUpdatesTable.rows(SQL, batch.accounts());
  }
}
