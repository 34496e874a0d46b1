package io.geyserindexer.ingestor.buffer;

import io.geyserindexer.ingestor.parse.ParsedEvent;
import java.util.Collection;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bounded hand-off between the gRPC reader and the Kafka publisher, and the owner of the
 * stream's inbound flow-control credits.
 *
 * <p>Invariant under {@link OverflowPolicy#BLOCK}: {@code size + outstanding <= capacity}, where
 * {@code outstanding} counts messages requested from the current stream and not yet received. Every
 * message the stream delivers therefore has a place, so {@link #accept} never blocks and never
 * refuses, and when the publisher stops taking, the reader stops requesting and HTTP/2 flow control
 * holds the server. Credits are granted in batches (a request per message costs a thread hop in
 * grpc-java). A message that turns out not to be an event (ping, pong, bad update) gives its credit
 * straight back. Messages of a stream that was just cancelled may still arrive; they are kept
 * (never lost), which can exceed the capacity by those few.
 *
 * <p>Under {@link OverflowPolicy#DROP} the reader keeps a window of {@code capacity} requested
 * messages regardless of the queue, and events that find the queue full are refused.
 */
public final class EventQueue {

  /** Where granted credits go: the current stream's {@code request(n)}. */
  public interface CreditSink {
    void request(int messages);
  }

  private final LinkedBlockingQueue<ParsedEvent> events = new LinkedBlockingQueue<>();
  private final int capacity;
  private final OverflowPolicy policy;
  private final int batch;

  private CreditSink sink;
  private int outstanding;
  private long heldSinceNanos;
  private long heldNanos;

  public EventQueue(int capacity, OverflowPolicy policy) {
    if (capacity < 1) {
      throw new IllegalArgumentException("queue capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.policy = policy;
    this.batch = Math.max(1, Math.min(64, capacity / 4));
  }

  /** Makes {@code stream} the receiver of credits and grants it the free space. */
  public synchronized void attach(CreditSink stream) {
    sink = stream;
    outstanding = 0;
    grant();
    clock();
  }

  /** Forgets {@code stream}'s credits once it has ended. */
  public synchronized void detach(CreditSink stream) {
    if (sink == stream) {
      sink = null;
      outstanding = 0;
      clock();
    }
  }

  /**
   * Takes one event delivered by {@code from}.
   *
   * @return false only under {@link OverflowPolicy#DROP} when the queue is full (a drop)
   */
  public synchronized boolean accept(CreditSink from, ParsedEvent event) {
    received(from);
    if (policy == OverflowPolicy.DROP && events.size() >= capacity) {
      grant();
      clock();
      return false;
    }
    events.add(event);
    grant();
    clock();
    return true;
  }

  /** A message from {@code from} that is not an event: its credit comes back at once. */
  public synchronized void skip(CreditSink from) {
    received(from);
    if (from == sink) {
      // Re-request at once rather than waiting for a batch: otherwise pings arriving while the
      // queue is nearly full would eat the last credits and the queue could never fill.
      outstanding++;
      sink.request(1);
    }
  }

  /** The next event, waiting up to {@code timeout}; null when none came. Grants freed space. */
  public ParsedEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
    ParsedEvent event = events.poll(timeout, unit);
    if (event != null) {
      taken();
    }
    return event;
  }

  /**
   * Moves up to {@code max} queued events into {@code into} without waiting and grants the freed
   * space once for all of them.
   *
   * @return how many were moved
   */
  public int drainTo(Collection<? super ParsedEvent> into, int max) {
    int moved = events.drainTo(into, max);
    if (moved > 0) {
      taken();
    }
    return moved;
  }

  public int size() {
    return events.size();
  }

  public int capacity() {
    return capacity;
  }

  /** Credits are granted in batches of this size; less free space than this is not requested. */
  public int creditBatch() {
    return batch;
  }

  public OverflowPolicy policy() {
    return policy;
  }

  /**
   * Total time backpressure was engaged, in seconds, including a spell in progress. Under {@link
   * OverflowPolicy#BLOCK}: time the queue had no room for another batch of credits, so the reader
   * could not ask the stream for more (it may still receive what it asked for earlier). Under
   * {@link OverflowPolicy#DROP}: time the queue was full, so arriving events were dropped.
   */
  public synchronized double fullSeconds() {
    long total = heldNanos + (heldSinceNanos == 0 ? 0 : System.nanoTime() - heldSinceNanos);
    return total / 1e9;
  }

  /** Messages requested from the current stream and not yet received. */
  public synchronized int outstanding() {
    return outstanding;
  }

  private synchronized void taken() {
    grant();
    clock();
  }

  /**
   * Starts or stops the backpressure clock. Counting only an exactly full queue under-reported: the
   * reader stops being granted credits as soon as less than a batch is free, and the last requested
   * messages may never arrive while the stream is held, so the queue can stay a few short of full
   * for the whole outage.
   */
  private void clock() {
    // Under BLOCK: the reader can ask for nothing more (queued plus requested leave less than a
    // batch free, as in grant()) and less than a batch of what it asked for is still owed, so the
    // stream is about to stall or has. While requested messages still flow it is not held.
    boolean held =
        policy == OverflowPolicy.BLOCK
            ? capacity - (events.size() + outstanding) < batch && outstanding < batch
            : events.size() >= capacity;
    if (held && heldSinceNanos == 0) {
      heldSinceNanos = System.nanoTime();
    } else if (!held && heldSinceNanos != 0) {
      heldNanos += System.nanoTime() - heldSinceNanos;
      heldSinceNanos = 0;
    }
  }

  private void received(CreditSink from) {
    if (from == sink && outstanding > 0) {
      outstanding--;
    }
  }

  private void grant() {
    if (sink == null) {
      return;
    }
    int used = policy == OverflowPolicy.BLOCK ? events.size() + outstanding : outstanding;
    int free = capacity - used;
    // Only whole batches: once the queue drains, free space always reaches a batch (batch <=
    // capacity), so waiting for one cannot starve the stream, while request(1) per message would
    // cost a thread hop each.
    if (free >= batch) {
      outstanding += free;
      sink.request(free);
    }
  }
}
