package io.geyserindexer.persister.write;

import io.geyserindexer.proto.events.TransactionStatusEvent;
import java.util.List;

/** {@code transaction_statuses}: one row per (signature, slot), never changed once written. */
final class TransactionStatusesTable implements EventTable {

  private static final String SQL =
      """
      INSERT INTO transaction_statuses (signature, slot, tx_index, is_vote, success, err,
                                        err_description)
      SELECT u.signature, u.slot, u.tx_index, u.is_vote, u.err IS NULL, u.err, u.err_description
      FROM (SELECT unnest(?::text[]) AS signature, unnest(?::bigint[]) AS slot,
              unnest(?::bigint[]) AS tx_index, unnest(?::boolean[]) AS is_vote,
              unnest(?::bytea[]) AS err, unnest(?::text[]) AS err_description) AS u
      ON CONFLICT (signature, slot) DO NOTHING
      """;

  @Override
  public String name() {
    return "transaction_statuses";
  }

  @Override
  public Rows rows(EventBatch batch) {
    List<TransactionStatusEvent> rows = List.copyOf(batch.transactionStatuses());
    if (rows.isEmpty()) {
      return null;
    }
    int n = rows.size();
    String[] signature = new String[n];
    Long[] slot = new Long[n];
    Long[] index = new Long[n];
    Boolean[] vote = new Boolean[n];
    byte[][] err = new byte[n][];
    String[] description = new String[n];
    for (int i = 0; i < n; i++) {
      TransactionStatusEvent row = rows.get(i);
      signature[i] = NulEscape.encode(row.getSignature());
      slot[i] = row.getSlot();
      index[i] = row.getIndex();
      vote[i] = row.getIsVote();
      err[i] = row.hasErr() ? row.getErr().getBincode().toByteArray() : null;
      description[i] = row.hasErr() ? NulEscape.encode(row.getErr().getDescription()) : null;
    }
    return new Rows(SQL, List.of(signature, slot, index, vote, err, description));
  }
}
