package io.geyserindexer.ingestor.publish;

import io.geyserindexer.proto.events.EventRecord;
import io.geyserindexer.proto.events.SlotStatus;
import io.geyserindexer.proto.events.SlotStatusEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Finds where a previous run stopped by reading the tail of the {@code <prefix>.slots} topic, with
 * the rule of {@link SlotProgress}: the slot after the newest FINALIZED status there (statuses are
 * published only after every earlier-sent event is acknowledged, see {@link SlotStatusGate}, and a
 * slot's content precedes its finalization), or, when the tail holds no FINALIZED status (a
 * subscription without them), the newest slot with any status. No other state store is needed.
 */
public final class KafkaSlotCheckpoint {

  /** Records read from the end of each partition; statuses of older slots interleave there. */
  static final int TAIL_RECORDS = 200;

  private KafkaSlotCheckpoint() {}

  /** The slot to resume from, or empty when the topic is missing or empty. */
  public static OptionalLong resumeSlot(String bootstrapServers, String slotsTopic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingestor-checkpoint");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions = consumer.partitionsFor(slotsTopic, Duration.ofSeconds(30));
      if (partitions == null || partitions.isEmpty()) {
        return OptionalLong.empty();
      }
      List<TopicPartition> tps = new ArrayList<>();
      partitions.forEach(p -> tps.add(new TopicPartition(slotsTopic, p.partition())));
      Map<TopicPartition, Long> ends = consumer.endOffsets(tps, Duration.ofSeconds(30));
      Map<TopicPartition, Long> begins = consumer.beginningOffsets(tps, Duration.ofSeconds(30));
      List<TopicPartition> nonEmpty =
          tps.stream().filter(tp -> ends.get(tp) > begins.get(tp)).toList();
      if (nonEmpty.isEmpty()) {
        return OptionalLong.empty();
      }
      consumer.assign(nonEmpty);
      for (TopicPartition tp : nonEmpty) {
        consumer.seek(tp, Math.max(begins.get(tp), ends.get(tp) - TAIL_RECORDS));
      }
      long highest = -1;
      long highestFinalized = -1;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!reachedEnd(consumer, nonEmpty, ends)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("timed out reading the tail of " + slotsTopic);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          SlotStatusEvent status = statusOf(record);
          if (status == null) {
            continue;
          }
          highest = Math.max(highest, status.getSlot());
          if (status.getStatus() == SlotStatus.SLOT_STATUS_FINALIZED) {
            highestFinalized = Math.max(highestFinalized, status.getSlot());
          }
        }
      }
      if (highestFinalized >= 0) {
        return OptionalLong.of(highestFinalized + 1);
      }
      return highest < 0 ? OptionalLong.empty() : OptionalLong.of(highest);
    }
  }

  private static boolean reachedEnd(
      KafkaConsumer<?, ?> consumer, List<TopicPartition> tps, Map<TopicPartition, Long> ends) {
    return tps.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
  }

  private static SlotStatusEvent statusOf(ConsumerRecord<byte[], byte[]> record) {
    try {
      EventRecord event = EventRecord.parseFrom(record.value());
      return event.hasSlotStatus() ? event.getSlotStatus() : null;
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      return null;
    }
  }
}
