package io.geyserindexer.ingestor.publish;

import io.geyserindexer.proto.events.SlotStatus;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Which slots Kafka holds completely, so a reconnect or restart resumes without a gap.
 *
 * <p>The server does not deliver a slot in one piece: at confirmed commitment the PROCESSED status
 * of slot S+1 arrives before S's confirmed content, and S's FINALIZED status arrives some 30 slots
 * later. "The highest slot seen" is therefore not a safe resume point: a cut would lose S's content
 * or the FINALIZED statuses of older slots. The safe point is the slot after the newest one whose
 * FINALIZED status Kafka has acknowledged: statuses are published only after every event sent
 * before them is acknowledged ({@link SlotStatusGate}), a slot's content always precedes its
 * finalization, and finalization runs in slot order, so everything up to that slot is in Kafka.
 * Replay ({@code from_slot}) re-sends what follows (duplicates are expected; the persister is
 * idempotent). The rules, in order:
 *
 * <ol>
 *   <li>no slot status on the stream (content-only subscriptions): min(oldest slot with an
 *       unacknowledged event, highest slot seen), as contents arrive per slot in one burst;
 *   <li>a FINALIZED status acknowledged: the slot after the newest one;
 *   <li>none yet, but statuses seen: the first slot this run saw (the run is younger than the
 *       finalization depth), unless CONFIRMED statuses run more than {@link #FINALIZATION_HORIZON}
 *       slots past it without any FINALIZED (a subscription that filters them out): then the slot
 *       after the newest acknowledged CONFIRMED status;
 * </ol>
 *
 * never later than the oldest slot with an unacknowledged event.
 *
 * <p>Dropped events (policy {@code drop}) are forgotten here: that policy accepts holes.
 */
public final class SlotProgress {

  /** Slots past the first confirmed one after which a missing FINALIZED means none will come. */
  static final long FINALIZATION_HORIZON = 150;

  private final TreeMap<Long, Integer> unacknowledged = new TreeMap<>();
  private long lowestSeen = -1;
  private long highestSeen = -1;
  private long highestAcknowledged = -1;
  private boolean statusSeen;
  private long highestFinalized = -1;
  private long highestConfirmed = -1;

  /** An event of {@code slot} was received from the stream. */
  public synchronized void received(long slot) {
    unacknowledged.merge(slot, 1, Integer::sum);
    highestSeen = Math.max(highestSeen, slot);
    lowestSeen = lowestSeen < 0 ? slot : Math.min(lowestSeen, slot);
  }

  /** A slot-status event of {@code slot} was received from the stream. */
  public synchronized void statusReceived(long slot) {
    statusSeen = true;
  }

  /** A received event of {@code slot} will never be sent (dropped by policy). */
  public synchronized void discarded(long slot) {
    decrement(unacknowledged, slot);
  }

  /** Kafka acknowledged an event of {@code slot}. */
  public synchronized void acknowledged(long slot) {
    decrement(unacknowledged, slot);
    highestAcknowledged = Math.max(highestAcknowledged, slot);
  }

  /** Kafka acknowledged the status {@code status} of {@code slot}. */
  public synchronized void statusAcknowledged(long slot, SlotStatus status) {
    statusSeen = true;
    if (status == SlotStatus.SLOT_STATUS_FINALIZED) {
      highestFinalized = Math.max(highestFinalized, slot);
    } else if (status == SlotStatus.SLOT_STATUS_CONFIRMED) {
      highestConfirmed = Math.max(highestConfirmed, slot);
    }
  }

  /** The slot to resume from, or empty when no event has been seen yet. */
  public synchronized OptionalLong resumeSlot() {
    if (highestSeen < 0) {
      return OptionalLong.empty();
    }
    long oldestOpen = unacknowledged.isEmpty() ? Long.MAX_VALUE : unacknowledged.firstKey();
    long safe;
    if (!statusSeen) {
      safe = highestSeen;
    } else if (highestFinalized >= 0) {
      safe = highestFinalized + 1;
    } else if (highestConfirmed >= 0 && highestConfirmed - lowestSeen > FINALIZATION_HORIZON) {
      safe = highestConfirmed + 1;
    } else {
      safe = lowestSeen;
    }
    return OptionalLong.of(Math.min(oldestOpen, safe));
  }

  /** The highest slot seen on the stream, or -1. */
  public synchronized long highestSeen() {
    return highestSeen;
  }

  /** The highest slot with an acknowledged event, or -1. */
  public synchronized long highestAcknowledged() {
    return highestAcknowledged;
  }

  private static void decrement(TreeMap<Long, Integer> counts, long slot) {
    counts.computeIfPresent(slot, (k, v) -> v == 1 ? null : v - 1);
  }
}
