package io.geyserindexer.ingestor.publish;

import io.geyserindexer.ingestor.parse.ParsedEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

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
 * <p>Thread use: {@link #sent}, {@link #hold}, {@link #release} and {@link #held} on the publisher
 * thread only, which alone changes the list of epochs; {@link #acknowledged} on the producer's
 * callback thread, which only counts down the epoch its token names. No lock: both ran once per
 * event and contended for one before.
 */
public final class SlotStatusGate {

  /** One epoch: its unacknowledged sends, and the status that closed it (null while open). */
  public static final class Epoch {
    private final AtomicLong unacknowledged = new AtomicLong();
    private ParsedEvent closedBy;

    private Epoch() {}
  }

  /** Oldest first; the last one is open. Epochs leave once released and fully acknowledged. */
  private final ArrayDeque<Epoch> epochs = new ArrayDeque<>();

  private int held;

  public SlotStatusGate() {
    epochs.add(new Epoch());
  }

  /**
   * An event (not a slot status) is being handed to the producer.
   *
   * @return the token to pass to {@link #acknowledged} when Kafka acknowledges it
   */
  public Epoch sent() {
    Epoch open = epochs.peekLast();
    open.unacknowledged.incrementAndGet();
    return open;
  }

  /** Kafka acknowledged the send that returned {@code token}. */
  public void acknowledged(Epoch token) {
    token.unacknowledged.decrementAndGet();
  }

  /** Holds {@code status} until every event sent so far is acknowledged. */
  public void hold(ParsedEvent status) {
    epochs.peekLast().closedBy = status;
    epochs.add(new Epoch());
    held++;
  }

  /** The held statuses whose earlier sends are all acknowledged, oldest first; may be empty. */
  public List<ParsedEvent> release() {
    List<ParsedEvent> ready = List.of();
    // A closed epoch gets no more sends, so once its count reaches zero it stays there.
    while (epochs.size() > 1 && epochs.peekFirst().unacknowledged.get() == 0) {
      Epoch done = epochs.pollFirst();
      if (ready.isEmpty()) {
        ready = new ArrayList<>();
      }
      ready.add(done.closedBy);
      held--;
    }
    return ready;
  }

  /** Statuses waiting for acknowledgements. */
  public int held() {
    return held;
  }
}
