package io.geyserindexer.launcher.chaos;

import io.geyserindexer.proto.events.AccountUpdateEvent;
import io.geyserindexer.proto.events.BlockMetaEvent;
import io.geyserindexer.proto.events.EventRecord;
import io.geyserindexer.proto.events.SlotStatus;
import io.geyserindexer.proto.events.SlotStatusEvent;
import io.geyserindexer.proto.events.TransactionEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Records no persister may write, produced straight to the event topics: bytes that are not an
 * EventRecord, and well-formed events under schema_version 0 and 2. Each carries {@link #slot}, a
 * slot outside the checked range, so a wrongful write is visible by that slot alone; and the
 * dead-letter topics are read back to find where each one went.
 */
final class PoisonRecords {

  /** Where a record sits: its topic, partition and offset. */
  record Position(String topic, int partition, long offset) {}

  /** A letter read from {@code <topic>.dlq}: the source position and the reason header. */
  record Letter(Position source, String reason) {}

  static final List<String> KINDS = List.of("slots", "blocks", "transactions", "accounts");

  /** Starts with a zero byte: tag 0 is invalid in protobuf, so no parser accepts it. */
  static final byte[] GARBAGE = "\0not an EventRecord".getBytes(StandardCharsets.UTF_8);

  static final String PUBKEY = "PoisonPoisonPoisonPoisonPoisonPoisonPoison1";

  private PoisonRecords() {}

  /** The three poison values for {@code kind}: garbage, schema_version 0, schema_version 2. */
  static List<byte[]> values(String kind, long slot) {
    return List.of(
        GARBAGE,
        event(kind, slot).setSchemaVersion(0).build().toByteArray(),
        event(kind, slot).setSchemaVersion(2).build().toByteArray());
  }

  static EventRecord.Builder event(String kind, long slot) {
    EventRecord.Builder out = EventRecord.newBuilder();
    return switch (kind) {
      case "slots" ->
          out.setSlotStatus(
              SlotStatusEvent.newBuilder()
                  .setSlot(slot)
                  .setStatus(SlotStatus.SLOT_STATUS_FINALIZED));
      case "blocks" ->
          out.setBlockMeta(
              BlockMetaEvent.newBuilder()
                  .setSlot(slot)
                  .setBlockhash(PUBKEY)
                  .setParentSlot(slot - 1));
      case "transactions" ->
          out.setTransaction(
              TransactionEvent.newBuilder().setSignature(PUBKEY + PUBKEY).setSlot(slot));
      case "accounts" ->
          out.setAccountUpdate(
              AccountUpdateEvent.newBuilder()
                  .setPubkey(PUBKEY)
                  .setOwner(PUBKEY)
                  .setSlot(slot)
                  .setWriteVersion(1));
      default -> throw new IllegalArgumentException("no poison for " + kind);
    };
  }

  /**
   * Produces every poison value to every event topic of {@code prefix}; returns where each went.
   */
  static List<Position> produce(String bootstrap, String prefix, long slot)
      throws InterruptedException, ExecutionException {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    List<Position> out = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String kind : KINDS) {
        String topic = prefix + "." + kind;
        for (byte[] value : values(kind, slot)) {
          RecordMetadata sent =
              producer
                  .send(
                      new ProducerRecord<>(
                          topic, ("poison-" + out.size()).getBytes(StandardCharsets.UTF_8), value))
                  .get();
          out.add(new Position(topic, sent.partition(), sent.offset()));
        }
      }
    }
    return out;
  }

  /** Every letter on the dead-letter topics of {@code prefix}, read to their current end. */
  static List<Letter> letters(String bootstrap, String prefix) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<Letter> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String kind : KINDS) {
        String dlq = prefix + "." + kind + ".dlq";
        var infos = consumer.listTopics(Duration.ofSeconds(10)).get(dlq);
        if (infos != null) {
          infos.forEach(p -> partitions.add(new TopicPartition(dlq, p.partition())));
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("dead-letter topics not read to their end in 30 s");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          Map<String, String> headers = new HashMap<>();
          for (Header h : r.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
          }
          out.add(
              new Letter(
                  new Position(
                      headers.get("dlq.source.topic"),
                      Integer.parseInt(headers.getOrDefault("dlq.source.partition", "-1")),
                      Long.parseLong(headers.getOrDefault("dlq.source.offset", "-1"))),
                  headers.get("dlq.error.reason")));
        }
      }
    }
    return out;
  }
}
