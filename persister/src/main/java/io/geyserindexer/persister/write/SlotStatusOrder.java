package io.geyserindexer.persister.write;

import io.geyserindexer.proto.events.SlotStatus;
import java.util.Locale;

/**
 * The forward-only order of slot statuses, the same rule as the SQL functions {@code
 * slot_status_rank} and {@code slot_status_advances} of migration V1: lifecycle statuses rank below
 * processed, then processed, confirmed, finalized; finalized and dead are terminal. Used to merge
 * several statuses of one slot inside a poll before the single upsert.
 */
public final class SlotStatusOrder {

  private SlotStatusOrder() {}

  /** The stored name, e.g. {@code first_shred_received}; null for unspecified or unknown. */
  public static String name(SlotStatus status) {
    return switch (status) {
      case SLOT_STATUS_UNSPECIFIED, UNRECOGNIZED -> null;
      default -> status.name().substring("SLOT_STATUS_".length()).toLowerCase(Locale.ROOT);
    };
  }

  static int rank(SlotStatus status) {
    return switch (status) {
      case SLOT_STATUS_FIRST_SHRED_RECEIVED -> 1;
      case SLOT_STATUS_CREATED_BANK -> 2;
      case SLOT_STATUS_COMPLETED -> 3;
      case SLOT_STATUS_PROCESSED -> 4;
      case SLOT_STATUS_CONFIRMED -> 5;
      case SLOT_STATUS_FINALIZED -> 6;
      case SLOT_STATUS_DEAD -> 7;
      case SLOT_STATUS_UNSPECIFIED, UNRECOGNIZED -> 0;
    };
  }

  /** True when a slot in status {@code from} may move to {@code to}. */
  public static boolean advances(SlotStatus from, SlotStatus to) {
    return from != SlotStatus.SLOT_STATUS_FINALIZED
        && from != SlotStatus.SLOT_STATUS_DEAD
        && rank(to) > rank(from);
  }
}
