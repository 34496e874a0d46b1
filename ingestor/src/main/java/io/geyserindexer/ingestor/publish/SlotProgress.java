package io.geyserindexer.ingestor.publish;

import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Which slots Kafka holds completely, so a reconnect or restart resumes without a gap.
 *
 * <p>Per slot it counts events received but not yet acknowledged by Kafka. The resume slot is the
 * lowest slot not known to be complete: {@code min(oldest slot with an unacknowledged event,
 * highest slot seen)}. It rests on the server's order at confirmed and finalized commitment: a
 * slot's content arrives as one burst before any later slot's, so once a later slot has been seen
 * and every event of a slot is acknowledged, that slot is whole in Kafka. Resuming at the resume
 * slot replays it and what follows (duplicates are expected; the persister is idempotent).
 *
 * <p>Dropped events (policy {@code drop}) are forgotten here: that policy accepts holes.
 */
public final class SlotProgress {

  private final TreeMap<Long, Integer> unacknowledged = new TreeMap<>();
  private long highestSeen = -1;
  private long highestAcknowledged = -1;

  /** An event of {@code slot} was received from the stream. */
  public synchronized void received(long slot) {
    unacknowledged.merge(slot, 1, Integer::sum);
    highestSeen = Math.max(highestSeen, slot);
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

  /** The slot to resume from, or empty when no event has been seen yet. */
  public synchronized OptionalLong resumeSlot() {
    if (highestSeen < 0) {
      return OptionalLong.empty();
    }
    long oldestOpen = unacknowledged.isEmpty() ? Long.MAX_VALUE : unacknowledged.firstKey();
    return OptionalLong.of(Math.min(oldestOpen, highestSeen));
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
