package io.geyserindexer.ingestor.publish;

import io.geyserindexer.ingestor.FatalError;
import io.geyserindexer.ingestor.buffer.EventQueue;
import io.geyserindexer.ingestor.metrics.IngestorMetrics;
import io.geyserindexer.ingestor.parse.EventKind;
import io.geyserindexer.ingestor.parse.ParsedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes events from the queue and sends them to Kafka, one loop on one thread. At most {@code
 * maxInFlight} events are unacknowledged at a time: when Kafka is slow or down the loop stops
 * taking, the queue fills, and the stream stops being read. A send that fails after the producer's
 * own retries is fatal (the process stops rather than continue with a hole). Slot statuses wait in
 * a {@link SlotStatusGate} until the events sent before them are acknowledged; nothing else waits.
 */
public final class KafkaEventPublisher implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);
  private static final long POLL_MILLIS = 50;
  private static final long HELD_POLL_MILLIS = 1;

  /** Most events taken from the queue in one go. */
  private static final int MAX_BATCH = 256;

  /** A batch smaller than this means the loop is keeping pace: it naps before taking again. */
  private static final int GATHER_BELOW = 16;

  private static final long GATHER_NANOS = 500_000;

  private final Producer<String, byte[]> producer;
  private final EventQueue queue;
  private final SlotProgress progress;
  private final IngestorMetrics metrics;
  private final FatalError fatal;
  private final Map<EventKind, String> topics = new EnumMap<>(EventKind.class);
  private final Semaphore inFlight;
  private final SlotStatusGate gate = new SlotStatusGate();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean draining;

  public KafkaEventPublisher(
      Producer<String, byte[]> producer,
      EventQueue queue,
      SlotProgress progress,
      IngestorMetrics metrics,
      FatalError fatal,
      String topicPrefix,
      int maxInFlight) {
    this.producer = producer;
    this.queue = queue;
    this.progress = progress;
    this.metrics = metrics;
    this.fatal = fatal;
    for (EventKind kind : EventKind.values()) {
      topics.put(kind, kind.topic(topicPrefix));
    }
    this.inFlight = new Semaphore(maxInFlight);
  }

  /**
   * Exits: a fatal error (returns at once, leaving the queue and the batch in hand: a restart
   * replays them), or draining with an empty queue and no held slot status (flushes the producer
   * first). Every other path sends the next events or a released slot status.
   *
   * <p>Events are taken in batches: one lock round and one credit grant per batch rather than per
   * event. A batch holds at most as many events as there are free in-flight places (at least one),
   * so with Kafka stalled the loop holds one event in hand, as it would taking them singly, and the
   * queue bound stays the bound on what is buffered. When a batch came out small the loop naps
   * briefly before taking again instead of blocking on the queue: a publisher waiting on the queue
   * is woken by the reader's next event, a thread wake-up per event or two when both run at the
   * same pace; after the nap the events that came meanwhile go in one batch. The nap adds at most
   * {@link #GATHER_NANOS} to an event's latency, against the producer's 20 ms linger.
   */
  @Override
  public void run() {
    List<ParsedEvent> batch = new ArrayList<>(MAX_BATCH);
    try {
      while (!fatal.isRaised()) {
        sendReleasedStatuses();
        int room = Math.max(1, Math.min(MAX_BATCH, inFlight.availablePermits()));
        if (queue.drainTo(batch, room) == 0) {
          // While statuses are held, look again soon: their release comes from acknowledgements.
          long wait = gate.held() > 0 ? HELD_POLL_MILLIS : POLL_MILLIS;
          ParsedEvent event = queue.poll(wait, TimeUnit.MILLISECONDS);
          if (event != null) {
            batch.add(event);
          } else if (draining) {
            // Flushing acknowledges every send, which releases every held status; loop until none
            // is left so the last slots' statuses reach Kafka before the process ends.
            producer.flush();
            if (gate.held() == 0) {
              break;
            }
          }
        }
        for (ParsedEvent event : batch) {
          if (fatal.isRaised()) {
            return;
          }
          send(event);
        }
        int taken = batch.size();
        batch.clear();
        if (taken > 0 && taken < GATHER_BELOW && !draining) {
          LockSupport.parkNanos(GATHER_NANOS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      fatal.raise("Kafka publisher failed: " + e);
    } finally {
      finished.countDown();
    }
  }

  /** Asks the loop to publish what is queued, flush, and end. The source must be stopped first. */
  public void drain() {
    draining = true;
  }

  public boolean isFinished() {
    return finished.getCount() == 0;
  }

  private void send(ParsedEvent event) throws InterruptedException {
    if (event.kind() == EventKind.SLOT_STATUS) {
      gate.hold(event);
      sendReleasedStatuses();
      return;
    }
    if (acquire()) {
      SlotStatusGate.Epoch token = gate.sent();
      produce(event, () -> gate.acknowledged(token));
    }
  }

  private void sendReleasedStatuses() throws InterruptedException {
    if (gate.held() == 0) {
      return;
    }
    for (ParsedEvent status : gate.release()) {
      if (!acquire()) {
        return;
      }
      produce(status, () -> {});
    }
  }

  /** Waits for an in-flight slot; false when a fatal error ends the wait. */
  private boolean acquire() throws InterruptedException {
    while (!inFlight.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      if (fatal.isRaised()) {
        return false;
      }
    }
    return true;
  }

  private void produce(ParsedEvent event, Runnable onAcknowledged) {
    long slot = event.slot();
    String topic = topics.get(event.kind());
    long started = System.nanoTime();
    producer.send(
        new ProducerRecord<>(topic, event.key(), event.value()),
        (metadata, error) -> {
          inFlight.release();
          if (error != null) {
            metrics.produceFailed();
            fatal.raise(
                "Kafka did not accept an event for "
                    + topic
                    + " (slot "
                    + Long.toUnsignedString(slot)
                    + ") after the producer's retries: "
                    + error);
            return;
          }
          onAcknowledged.run();
          progress.acknowledged(slot);
          if (event.kind() == EventKind.SLOT_STATUS) {
            progress.statusAcknowledged(slot, event.record().getSlotStatus().getStatus());
          }
          metrics.slotProduced(slot);
          metrics.produced(event.kind().tag(), System.nanoTime() - started);
        });
  }

  /** Waits for the loop to end, up to {@code timeout}; true when it did. */
  public boolean awaitFinished(Duration timeout) throws InterruptedException {
    boolean done = finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!done) {
      log.warn(
          "Publisher did not finish within {}; {} event(s) still queued", timeout, queue.size());
    }
    return done;
  }
}
