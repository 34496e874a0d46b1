package io.geyserindexer.persister.write;

import io.geyserindexer.proto.events.EntryEvent;
import java.util.List;

/** {@code entries}: one row per (slot, entry_index), never changed once written. */
final class EntriesTable implements EventTable {

  private static final String SQL =
      """
      INSERT INTO entries (slot, entry_index, num_hashes, hash, executed_transaction_count,
                           starting_transaction_index)
      SELECT unnest(?::bigint[]), unnest(?::bigint[]), unnest(?::bigint[]), unnest(?::text[]),
             unnest(?::bigint[]), unnest(?::bigint[])
      ON CONFLICT (slot, entry_index) DO NOTHING
      """;

  @Override
  public String name() {
    return "entries";
  }

  @Override
  public Rows rows(EventBatch batch) {
    List<EntryEvent> rows = List.copyOf(batch.entries());
    if (rows.isEmpty()) {
      return null;
    }
    int n = rows.size();
    Long[] slot = new Long[n];
    Long[] index = new Long[n];
    Long[] hashes = new Long[n];
    String[] hash = new String[n];
    Long[] txCount = new Long[n];
    Long[] startIndex = new Long[n];
    for (int i = 0; i < n; i++) {
      EntryEvent row = rows.get(i);
      slot[i] = row.getSlot();
      index[i] = row.getIndex();
      hashes[i] = row.getNumHashes();
      hash[i] = NulEscape.encode(row.getHash());
      txCount[i] = row.getExecutedTransactionCount();
      startIndex[i] = row.getStartingTransactionIndex();
    }
    return new Rows(SQL, List.of(slot, index, hashes, hash, txCount, startIndex));
  }
}
