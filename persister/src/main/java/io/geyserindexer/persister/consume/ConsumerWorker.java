package io.geyserindexer.persister.consume;

import io.geyserindexer.persister.consume.DeadLetterPublisher.DeadLetter;
import io.geyserindexer.persister.metrics.PersisterMetrics;
import io.geyserindexer.persister.write.JdbcBatchWriter;
import io.geyserindexer.persister.write.SqlStates;
import io.geyserindexer.proto.events.EventRecord;
import io.geyserindexer.runtime.retry.Backoff;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer thread: poll, write the poll as one transaction, commit the poll's offsets, repeat.
 *
 * <p>Invariants: an offset is committed only after the transaction holding its record (or the
 * dead-letter acknowledgement) is durable; after a transient error the same records are retried
 * while the partitions stay paused and polling continues, so the consumer keeps its group
 * membership and nothing behind them is skipped; records of revoked partitions are dropped
 * unwritten, because their next owner starts at the last committed offset.
 */
public final class ConsumerWorker implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ConsumerWorker.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  private static final Duration RETRY_NOW_PAUSE = Duration.ofMillis(50);

  /** Where a worker is in its life, for /health. */
  public enum State {
    STARTING,
    RUNNING,
    RETRYING,
    STOPPED,
    FAILED
  }

  /** What {@link #persist()} left to do with {@link #pending}. */
  private enum Outcome {
    WRITTEN,
    RETRY_AFTER_BACKOFF,
    RETRY_NOW
  }

  private record Decoded(ConsumerRecord<byte[], byte[]> source, EventRecord event) {}

  private final String name;
  private final Consumer<byte[], byte[]> consumer;
  private final List<String> topics;
  private final EventDecoder decoder = new EventDecoder();
  private final JdbcBatchWriter writer;
  private final DeadLetterPublisher deadLetters;
  private final PersisterMetrics metrics;
  private final Backoff backoff;
  private final List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>();
  private final Map<TopicPartition, OffsetAndMetadata> durable = new HashMap<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean stopping;
  private volatile State state = State.STARTING;
  private volatile long lastCommitNanos = System.nanoTime();
  private int retries;
  private int backoffSteps;

  public ConsumerWorker(
      String name,
      Consumer<byte[], byte[]> consumer,
      List<String> topics,
      JdbcBatchWriter writer,
      DeadLetterPublisher deadLetters,
      PersisterMetrics metrics,
      Backoff backoff) {
    this.name = name;
    this.consumer = consumer;
    this.topics = List.copyOf(topics);
    this.writer = writer;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.backoff = backoff;
  }

  @Override
  public void run() {
    log.info("{} starting, topics {}", name, topics);
    try {
      consumer.subscribe(topics, new Listener());
      state = State.RUNNING;
      while (!stopping) {
        if (pending.isEmpty()) {
          leaveRetry();
          consumer.poll(POLL_TIMEOUT).forEach(pending::add);
          recordLag();
          if (pending.isEmpty()) {
            continue;
          }
          metrics.polled(pending.size());
        }
        switch (persist()) {
          case WRITTEN -> pending.clear();
          case RETRY_AFTER_BACKOFF -> waitBeforeRetry(backoff.delay(++backoffSteps));
          // The pool already waited its connection timeout for a connection it could not open;
          // the short pause only guards against a pool that fails at once.
          case RETRY_NOW -> waitBeforeRetry(RETRY_NOW_PAUSE);
        }
      }
      state = State.STOPPED;
    } catch (Throwable e) {
      failure.set(e);
      state = State.FAILED;
      log.error("{} stopped by a fatal error: {}", name, e.toString(), e);
    } finally {
      // Leaves the group now, so partitions move to other members without a session timeout.
      consumer.close(Duration.ofSeconds(10));
      log.info("{} stopped", name);
    }
  }

  /**
   * Writes {@link #pending} and commits its offsets.
   *
   * @return whether the records are written, or after a transient error (rolled back) how to retry
   *     them
   */
  private Outcome persist() throws Exception {
    List<Decoded> decoded = new ArrayList<>(pending.size());
    List<DeadLetter> letters = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : pending) {
      try {
        decoded.add(new Decoded(record, decoder.decode(record.value())));
      } catch (RecordRejectedException e) {
        letters.add(new DeadLetter(record, e.reason(), e));
      }
    }
    Map<String, Integer> rows;
    long start = System.nanoTime();
    try {
      rows =
          writer.write(
              decoded,
              Decoded::event,
              rejected -> {
                rejected.forEach(
                    r -> letters.add(new DeadLetter(r.record().source(), "rejected", r.error())));
                deadLetters.publish(letters);
              });
    } catch (SQLException e) {
      if (SqlStates.classify(e) == SqlStates.Kind.TRANSIENT) {
        log.warn("{}: transient database error, will retry: {}", name, e.getMessage());
        // HikariCP's "no connection within connectionTimeout": that wait was the backoff, and a
        // connection the pool opens meanwhile (slowly, one at a time, for a far database) should
        // be taken at once rather than after up to RETRY_MAX_MS more.
        return e instanceof SQLTransientConnectionException
            ? Outcome.RETRY_NOW
            : Outcome.RETRY_AFTER_BACKOFF;
      }
      throw e;
    } catch (KafkaException e) {
      // Only the dead-letter publish talks to Kafka inside the transaction: an unreachable or
      // unwilling broker must not lose the letters, so it is retried like a database outage.
      log.warn("{}: dead-letter publish failed, will retry: {}", name, e.getMessage());
      return Outcome.RETRY_AFTER_BACKOFF;
    }
    metrics.txDuration().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    metrics.committed(createdAtMillis(decoded), System.currentTimeMillis());
    rows.forEach(metrics::rows);
    for (DeadLetter letter : letters) {
      metrics.deadLettered(letter.reason());
      log.warn(
          "{}: {}/{}@{} sent to {}{}: {}",
          name,
          letter.source().topic(),
          letter.source().partition(),
          letter.source().offset(),
          letter.source().topic(),
          DeadLetterPublisher.SUFFIX,
          letter.error().getMessage());
    }
    metrics.handled(pending.size());
    commit(nextOffsets(pending));
    return Outcome.WRITTEN;
  }

  private static long[] createdAtMillis(List<Decoded> decoded) {
    long[] millis = new long[decoded.size()];
    for (int i = 0; i < millis.length; i++) {
      var createdAt = decoded.get(i).event().getCreatedAt();
      millis[i] = createdAt.getSeconds() * 1000 + createdAt.getNanos() / 1_000_000;
    }
    return millis;
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    durable.putAll(offsets);
    Timer.Sample sample = Timer.start();
    try {
      consumer.commitSync(offsets);
      lastCommitNanos = System.nanoTime();
    } catch (KafkaException e) {
      // The rows are durable; a later commit or the next owner's redelivery covers these
      // offsets, and redelivered records rewrite nothing.
      log.warn("{}: offset commit failed, records may be redelivered: {}", name, e.toString());
    } finally {
      sample.stop(metrics.commitDuration());
    }
  }

  private void waitBeforeRetry(Duration delay) {
    retries++;
    metrics.retry();
    state = State.RETRYING;
    consumer.pause(consumer.assignment());
    long deadline = System.nanoTime() + delay.toNanos();
    // Polling paused partitions returns nothing but keeps this member inside max.poll.interval.ms;
    // a partition assigned meanwhile is paused by the listener, records fetched before that join.
    for (long left = delay.toNanos(); left > 0 && !stopping; left = deadline - System.nanoTime()) {
      Duration wait = Duration.ofNanos(Math.min(left, POLL_TIMEOUT.toNanos()));
      consumer.poll(wait).forEach(pending::add);
    }
  }

  private void leaveRetry() {
    if (state == State.RETRYING) {
      consumer.resume(consumer.paused());
      state = State.RUNNING;
      log.info("{}: writes succeed again after {} retries", name, retries);
    }
    retries = 0;
    backoffSteps = 0;
  }

  private void recordLag() {
    for (TopicPartition partition : consumer.assignment()) {
      consumer
          .currentLag(partition)
          .ifPresent(lag -> metrics.lag(partition.topic(), partition.partition(), lag));
    }
  }

  static Map<TopicPartition, OffsetAndMetadata> nextOffsets(
      List<ConsumerRecord<byte[], byte[]>> records) {
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      next.merge(
          new TopicPartition(record.topic(), record.partition()),
          new OffsetAndMetadata(record.offset() + 1),
          (a, b) -> a.offset() >= b.offset() ? a : b);
    }
    return next;
  }

  /** Asks the loop to stop after the poll it is writing; safe from any thread. */
  public void requestStop() {
    stopping = true;
  }

  public State state() {
    return state;
  }

  public Throwable failure() {
    return failure.get();
  }

  public Duration sinceLastCommit() {
    return Duration.ofNanos(System.nanoTime() - lastCommitNanos);
  }

  public String name() {
    return name;
  }

  /** Runs on this worker's thread, inside poll(): no transaction is in flight then. */
  private final class Listener implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      drop(partitions);
      Map<TopicPartition, OffsetAndMetadata> written = new HashMap<>();
      partitions.forEach(
          p -> {
            OffsetAndMetadata offset = durable.remove(p);
            if (offset != null) {
              written.put(p, offset);
            }
          });
      if (!written.isEmpty()) {
        try {
          consumer.commitSync(written);
        } catch (KafkaException e) {
          log.warn("{}: commit on revocation failed: {}", name, e.toString());
        }
      }
      log.info("{}: partitions revoked {}", name, partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      drop(partitions);
      partitions.forEach(durable::remove);
      log.warn("{}: partitions lost {}", name, partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (state == State.RETRYING) {
        consumer.pause(partitions);
      }
      log.info("{}: partitions assigned {}", name, partitions);
    }

    private void drop(Collection<TopicPartition> partitions) {
      pending.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
    }
  }
}
