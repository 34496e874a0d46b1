package io.geyserindexer.launcher.e2e;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.geyserindexer.ingestor.parse.EventKind;
import io.geyserindexer.ingestor.parse.GeyserUpdateParser;
import io.geyserindexer.ingestor.parse.ParsedEvent;
import io.geyserindexer.ingestor.parse.UpdateParseException;
import io.geyserindexer.proto.events.EventRecord;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every event record an ingestor wrote under one topic prefix, read from the beginning and kept
 * across calls. Records are compared without their two clock stamps (created_at, ingested_at), with
 * filter names sorted; everything else (topic, key, every field) must match exactly.
 */
final class TopicEvents implements AutoCloseable {

  /** One record as compared: topic, key and the normalised value. */
  record Event(String topic, String key, EventRecord value) {

    long slot() {
      return switch (value.getEventCase()) {
        case SLOT_STATUS -> value.getSlotStatus().getSlot();
        case BLOCK_META -> value.getBlockMeta().getSlot();
        case TRANSACTION -> value.getTransaction().getSlot();
        case ACCOUNT_UPDATE -> value.getAccountUpdate().getSlot();
        case TRANSACTION_STATUS -> value.getTransactionStatus().getSlot();
        case ENTRY -> value.getEntry().getSlot();
        case EVENT_NOT_SET -> -1;
      };
    }
  }

  private static final List<EventKind> KINDS =
      List.of(
          EventKind.SLOT_STATUS,
          EventKind.BLOCK_META,
          EventKind.TRANSACTION,
          EventKind.ACCOUNT_UPDATE);

  private final String prefix;
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<Event> events = new ArrayList<>();
  private boolean assigned;

  TopicEvents(String bootstrap, String prefix) {
    this.prefix = prefix;
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    this.consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** What the ingestor makes of one update the server owes, as the test expects to find it. */
  static Event expected(String prefix, SubscribeUpdate update) {
    try {
      ParsedEvent parsed = new GeyserUpdateParser().parse(update, Timestamp.getDefaultInstance());
      return new Event(parsed.kind().topic(prefix), parsed.key(), normalise(parsed.record()));
    } catch (UpdateParseException e) {
      throw new IllegalStateException("the model produced an unparsable update: " + e, e);
    }
  }

  /** Everything read so far plus whatever arrived since the last call. */
  synchronized List<Event> read() {
    if (!assigned && !assign()) {
      return List.copyOf(events);
    }
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
      try {
        events.add(
            new Event(
                record.topic(), record.key(), normalise(EventRecord.parseFrom(record.value()))));
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError("undecodable record in " + record.topic(), e);
      }
    }
    return List.copyOf(events);
  }

  /** Assigns every partition once all four topics exist (the ingestor creates them at start). */
  private boolean assign() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (EventKind kind : KINDS) {
      String topic = kind.topic(prefix);
      List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(5)).get(topic);
      if (infos == null || infos.isEmpty()) {
        return false;
      }
      infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    assigned = true;
    return true;
  }

  private static EventRecord normalise(EventRecord record) {
    return record.toBuilder()
        .clearCreatedAt()
        .clearIngestedAt()
        .clearFilters()
        .addAllFilters(record.getFiltersList().stream().sorted().toList())
        .build();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
