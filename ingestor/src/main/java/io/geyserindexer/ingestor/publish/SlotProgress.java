package io.geyserindexer.ingestor.publish;

import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Which slots Kafka holds completely, so a reconnect or restart resumes without a gap.
 *
 * <p>Per slot it counts events received but not yet acknowledged by Kafka, and separately events
 * sent to the producer and not yet acknowledged. The resume slot is the lowest slot not known to be
 * complete: {@code min(oldest slot with an unacknowledged event, highest slot seen)}. It rests on
 * the server's order at confirmed and finalized commitment: a slot's content arrives as one burst
 * before any later slot's, so once a later slot has been seen and every event of a slot is
 * acknowledged, that slot is whole in Kafka. Resuming at the resume slot replays it and what
 * follows (duplicates are expected; the persister is idempotent).
 *
 * <p>Dropped events (policy {@code drop}) are forgotten here: that policy accepts holes.
 */
public final class SlotProgress {

  private final TreeMap<Long, Integer> unacknowledged = new TreeMap<>();
  private final TreeMap<Long, Integer> sentUnacknowledged = new TreeMap<>();
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

  /** An event of {@code slot} was handed to the producer. */
  public synchronized void sent(long slot) {
    sentUnacknowledged.merge(slot, 1, Integer::sum);
  }

  /** Kafka acknowledged an event of {@code slot}. */
  public synchronized void acknowledged(long slot) {
    decrement(unacknowledged, slot);
    decrement(sentUnacknowledged, slot);
    highestAcknowledged = Math.max(highestAcknowledged, slot);
    notifyAll();
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

  /**
   * Waits until every event already sent with a slot at or below {@code slot} is acknowledged, or
   * {@code abort} answers true. Publishing a slot status only after that keeps the invariant the
   * start-up resume relies on: a status of slot S on the slots topic means all of S's content that
   * preceded it on the stream is in Kafka.
   *
   * @return true when the condition holds, false when aborted
   */
  public synchronized boolean awaitAcknowledgedThrough(long slot, BooleanSupplier abort)
      throws InterruptedException {
    while (!sentUnacknowledged.isEmpty() && sentUnacknowledged.firstKey() <= slot) {
      if (abort.getAsBoolean()) {
        return false;
      }
      wait(50);
    }
    return true;
  }

  private static void decrement(TreeMap<Long, Integer> counts, long slot) {
    counts.computeIfPresent(slot, (k, v) -> v == 1 ? null : v - 1);
  }
}
