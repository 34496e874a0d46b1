package io.geyserindexer.persister.write;

import io.geyserindexer.proto.events.SlotStatusEvent;
import java.util.List;

/**
 * {@code slots}: one row per slot whose status only moves forward (see {@code slot_status_advances}
 * in migration V1). A known parent slot is kept once seen. Re-applying any status already passed
 * changes nothing, so redelivery and replay leave the row as it is.
 */
final class SlotsTable implements EventTable {

  private static final String SQL =
      """
      INSERT INTO slots (slot, parent_slot, status, dead_error, updated_at)
      SELECT u.slot, u.parent_slot, u.status, u.dead_error, now()
      FROM (SELECT unnest(?::bigint[]) AS slot, unnest(?::bigint[]) AS parent_slot,
              unnest(?::text[]) AS status, unnest(?::text[]) AS dead_error) AS u
      ON CONFLICT (slot) DO UPDATE SET
        status = CASE WHEN slot_status_advances(slots.status, excluded.status)
                      THEN excluded.status ELSE slots.status END,
        dead_error = CASE WHEN slot_status_advances(slots.status, excluded.status)
                          THEN excluded.dead_error ELSE slots.dead_error END,
        parent_slot = coalesce(slots.parent_slot, excluded.parent_slot),
        updated_at = excluded.updated_at
      WHERE slot_status_advances(slots.status, excluded.status)
         OR (slots.parent_slot IS NULL AND excluded.parent_slot IS NOT NULL)
      """;

  @Override
  public String name() {
    return "slots";
  }

  @Override
  public Rows rows(EventBatch batch) {
    List<SlotStatusEvent> rows = List.copyOf(batch.slots());
    if (rows.isEmpty()) {
      return null;
    }
    int n = rows.size();
    Long[] slot = new Long[n];
    Long[] parent = new Long[n];
    String[] status = new String[n];
    String[] deadError = new String[n];
    for (int i = 0; i < n; i++) {
      SlotStatusEvent row = rows.get(i);
      slot[i] = row.getSlot();
      parent[i] = row.hasParentSlot() ? row.getParentSlot() : null;
      status[i] = SlotStatusOrder.name(row.getStatus());
      deadError[i] = row.hasDeadError() ? NulEscape.encode(row.getDeadError()) : null;
    }
    return new Rows(SQL, List.of(slot, parent, status, deadError));
  }
}
