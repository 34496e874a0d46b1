package io.geyserindexer.ingestor.publish;

import io.geyserindexer.ingestor.parse.ParsedEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds slot-status events back until every event sent before them is acknowledged by Kafka, while
 * later events keep flowing. This keeps the invariant the start-up resume relies on (a status of
 * slot S on the slots topic means all of S's content that preceded it on the stream is in Kafka)
 * without stopping the publisher for a produce round trip per slot.
 *
 * <p>Sends are grouped into epochs: a held status closes the current epoch. A status is released
 * once no send of its epoch or an earlier one is unacknowledged. This is stricter than "every
 * earlier send of a slot up to S" but cannot starve: it waits only for sends that already happened,
 * each of which Kafka acknowledges or fails (a failure is fatal). Statuses are released in the
 * order they were held.
 *
 * <p>Thread use: {@link #sent}, {@link #hold} and {@link #release} on the publisher thread, {@link
 * #acknowledged} on the producer's callback thread.
 */
public final class SlotStatusGate {

  /** Unacknowledged sends of one epoch, and the status that closed it (null while open). */
  private static final class Epoch {
    long unacknowledged;
    ParsedEvent closedBy;
  }

  /** Oldest first; the last one is open. Epochs leave once released and fully acknowledged. */
  private final ArrayDeque<Epoch> epochs = new ArrayDeque<>();

  private long firstEpoch;
  private int held;

  public SlotStatusGate() {
    epochs.add(new Epoch());
  }

  /**
   * An event (not a slot status) is being handed to the producer.
   *
   * @return the token to pass to {@link #acknowledged} when Kafka acknowledges it
   */
  public synchronized long sent() {
    epochs.peekLast().unacknowledged++;
    return firstEpoch + epochs.size() - 1;
  }

  /** Kafka acknowledged the send that returned {@code token}. */
  public synchronized void acknowledged(long token) {
    int index = (int) (token - firstEpoch);
    int i = 0;
    for (Epoch epoch : epochs) {
      if (i++ == index) {
        epoch.unacknowledged--;
        return;
      }
    }
    throw new IllegalStateException("unknown send token " + token);
  }

  /** Holds {@code status} until every event sent so far is acknowledged. */
  public synchronized void hold(ParsedEvent status) {
    epochs.peekLast().closedBy = status;
    epochs.add(new Epoch());
    held++;
  }

  /** The held statuses whose earlier sends are all acknowledged, oldest first; may be empty. */
  public synchronized List<ParsedEvent> release() {
    List<ParsedEvent> ready = List.of();
    while (epochs.size() > 1 && epochs.peekFirst().unacknowledged == 0) {
      Epoch done = epochs.pollFirst();
      firstEpoch++;
      if (ready.isEmpty()) {
        ready = new ArrayList<>();
      }
      ready.add(done.closedBy);
      held--;
    }
    return ready;
  }

  /** Statuses waiting for acknowledgements. */
  public synchronized int held() {
    return held;
  }
}
