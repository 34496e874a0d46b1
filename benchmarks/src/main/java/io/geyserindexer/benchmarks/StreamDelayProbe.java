package io.geyserindexer.benchmarks;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.geyserindexer.proto.events.EventRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How late the stream itself is: for the slot-status records the ingestor writes (a few per slot,
 * cheap to read), the time from the update's created_at (the simulator's clock when it built the
 * update) to the ingestor's receipt (ingested_at). This is the part of the created_at-to-COMMIT
 * latency that lies before the ingestor, so a reader can tell a late simulator from a slow
 * persister. Reads the topic's tail without a consumer group.
 */
final class StreamDelayProbe implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;

  StreamDelayProbe(String bootstrapServers, String topic) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
  }

  /** Delays (ms) of the records written since the last call. */
  double[] poll() {
    List<Double> delays = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
      try {
        EventRecord event = EventRecord.parseFrom(record.value());
        if (event.hasCreatedAt() && event.hasIngestedAt()) {
          delays.add(millis(event.getIngestedAt()) - millis(event.getCreatedAt()));
        }
      } catch (InvalidProtocolBufferException e) {
        // Not an event record: nothing to measure.
      }
    }
    return delays.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double millis(Timestamp t) {
    return t.getSeconds() * 1000.0 + t.getNanos() / 1e6;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
