package io.geyserindexer.ingestor.publish;

import io.geyserindexer.ingestor.FatalError;
import io.geyserindexer.ingestor.buffer.EventQueue;
import io.geyserindexer.ingestor.metrics.IngestorMetrics;
import io.geyserindexer.ingestor.parse.EventKind;
import io.geyserindexer.ingestor.parse.ParsedEvent;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes events from the queue and sends them to Kafka, one loop on one thread. At most {@code
 * maxInFlight} events are unacknowledged at a time: when Kafka is slow or down the loop stops
 * taking, the queue fills, and the stream stops being read. A send that fails after the producer's
 * own retries is fatal (the process stops rather than continue with a hole).
 */
public final class KafkaEventPublisher implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);
  private static final long POLL_MILLIS = 50;

  private final Producer<String, byte[]> producer;
  private final EventQueue queue;
  private final SlotProgress progress;
  private final IngestorMetrics metrics;
  private final FatalError fatal;
  private final String topicPrefix;
  private final Semaphore inFlight;
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
    this.topicPrefix = topicPrefix;
    this.inFlight = new Semaphore(maxInFlight);
  }

  /**
   * Exits: a fatal error (returns at once, leaving the queue: a restart replays it), or draining
   * with an empty queue (flushes the producer first). Every other path sends the next event.
   */
  @Override
  public void run() {
    try {
      while (!fatal.isRaised()) {
        ParsedEvent event = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (event != null) {
          send(event);
        } else if (draining) {
          producer.flush();
          break;
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
    if (event.kind() == EventKind.SLOT_STATUS
        && !progress.awaitAcknowledgedThrough(event.slot(), fatal::isRaised)) {
      return;
    }
    while (!inFlight.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      if (fatal.isRaised()) {
        return;
      }
    }
    long slot = event.slot();
    String topic = event.kind().topic(topicPrefix);
    progress.sent(slot);
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
          progress.acknowledged(slot);
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
