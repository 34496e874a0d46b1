package io.geyserindexer.benchmarks;

import io.geyserindexer.proto.events.EventRecord;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The design geyser-indexer replaces, rebuilt faithfully for comparison: one process, a channel of
 * 1000 events between the reader and the writer ({@code offer}: a full channel drops the event),
 * and a writer that takes batches of up to 50 events or 500 ms, each batch one transaction with one
 * INSERT per event. It reads the same event records the persister reads (from Kafka, as fast as
 * they come, standing in for the stream) and inserts one narrow row per event, which is cheaper
 * than the persister's full rows, so the comparison favours the baseline.
 */
final class LegacyIndexer {

  record Result(long written, long dropped, double seconds) {
    double perSecond() {
      return seconds <= 0 ? 0 : written / seconds;
    }
  }

  private static final int CHANNEL = 1000;
  private static final int BATCH = 50;
  private static final Duration BATCH_WAIT = Duration.ofMillis(500);

  private LegacyIndexer() {}

  static Result run(
      String bootstrap, List<String> topics, String jdbcUrl, String user, Duration duration)
      throws Exception {
    try (Connection connection = connect(jdbcUrl, user)) {
      try (Statement statement = connection.createStatement()) {
        // A schema of its own, so the persister's Flyway history in public stays its own.
        statement.execute("CREATE SCHEMA IF NOT EXISTS legacy");
        statement.execute(
            "CREATE TABLE IF NOT EXISTS legacy.events (kind text, key text, slot bigint,"
                + " payload bytea, PRIMARY KEY (kind, key, slot))");
        statement.execute("TRUNCATE legacy.events");
      }
      BlockingQueue<EventRecord> channel = new ArrayBlockingQueue<>(CHANNEL);
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong dropped = new AtomicLong();
      Thread reader =
          new Thread(() -> read(bootstrap, topics, channel, running, dropped), "legacy-reader");
      reader.start();
      long written = 0;
      long started = System.nanoTime();
      long deadline = started + duration.toNanos();
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO legacy.events VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
        List<EventRecord> batch = new ArrayList<>(BATCH);
        while (System.nanoTime() < deadline) {
          batch.clear();
          long batchDeadline = System.nanoTime() + BATCH_WAIT.toNanos();
          while (batch.size() < BATCH) {
            long wait = batchDeadline - System.nanoTime();
            EventRecord event = wait > 0 ? channel.poll(wait, TimeUnit.NANOSECONDS) : null;
            if (event == null) {
              break;
            }
            batch.add(event);
          }
          for (EventRecord event : batch) {
            insert.setString(1, event.getEventCase().name());
            insert.setString(2, keyOf(event));
            insert.setLong(3, slotOf(event));
            insert.setBytes(4, event.toByteArray());
            insert.executeUpdate();
          }
          connection.commit();
          written += batch.size();
        }
      } finally {
        running.set(false);
        reader.join(10_000);
      }
      return new Result(written, dropped.get(), (System.nanoTime() - started) / 1e9);
    }
  }

  private static void read(
      String bootstrap,
      List<String> topics,
      BlockingQueue<EventRecord> channel,
      AtomicBoolean running,
      AtomicLong dropped) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "legacy-" + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(topics);
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          try {
            // The old design never waited for its writer: a full channel lost the event.
            if (!channel.offer(EventRecord.parseFrom(record.value()))) {
              dropped.incrementAndGet();
            }
          } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            dropped.incrementAndGet();
          }
        }
      }
    }
  }

  private static String keyOf(EventRecord event) {
    return switch (event.getEventCase()) {
      case TRANSACTION -> event.getTransaction().getSignature();
      case ACCOUNT_UPDATE ->
          event.getAccountUpdate().getPubkey()
              + "/"
              + Long.toUnsignedString(event.getAccountUpdate().getWriteVersion());
      case SLOT_STATUS -> event.getSlotStatus().getStatus().name();
      default -> event.getEventCase().name();
    };
  }

  private static long slotOf(EventRecord event) {
    return switch (event.getEventCase()) {
      case TRANSACTION -> event.getTransaction().getSlot();
      case ACCOUNT_UPDATE -> event.getAccountUpdate().getSlot();
      case SLOT_STATUS -> event.getSlotStatus().getSlot();
      case BLOCK_META -> event.getBlockMeta().getSlot();
      default -> 0;
    };
  }

  static Connection connect(String jdbcUrl, String user) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    return DriverManager.getConnection(jdbcUrl, props);
  }

  static Map<String, Object> describe() {
    return Map.of("channel", CHANNEL, "batch", BATCH, "batch_wait_ms", BATCH_WAIT.toMillis());
  }
}
