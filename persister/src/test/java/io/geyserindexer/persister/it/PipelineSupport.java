package io.geyserindexer.persister.it;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Topics, producing a fixture, and waiting until a group has committed everything. */
public final class PipelineSupport {

  public static final List<String> KINDS = List.of("slots", "blocks", "transactions", "accounts");
  public static final int PARTITIONS = 3;

  private final String bootstrap;
  private final String prefix;

  public PipelineSupport(String bootstrap, String prefix) {
    this.bootstrap = bootstrap;
    this.prefix = prefix;
  }

  public Admin admin() {
    return Admin.create(Map.of("bootstrap.servers", bootstrap));
  }

  public List<String> topics() {
    return KINDS.stream().map(k -> prefix + "." + k).toList();
  }

  public void createTopics() throws Exception {
    try (Admin admin = admin()) {
      List<NewTopic> topics = new ArrayList<>();
      for (String topic : topics()) {
        topics.add(new NewTopic(topic, PARTITIONS, (short) 1));
      }
      admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
      // Producing before every partition has a leader makes the first sends fail and retry.
      await("topics have leaders")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  admin
                      .describeTopics(topics())
                      .allTopicNames()
                      .get(10, TimeUnit.SECONDS)
                      .values()
                      .stream()
                      .flatMap(d -> d.partitions().stream())
                      .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
    }
  }

  public void produce(List<EventFixture.Sent> records) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // Not idempotent: against the in-process broker a send to a just-created topic can meet
    // NOT_LEADER_OR_FOLLOWER and then OUT_OF_ORDER_SEQUENCE_NUMBER forever. One request in
    // flight keeps per-key order; a rare retried duplicate is exactly what the persister must
    // absorb anyway.
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (EventFixture.Sent sent : records) {
        producer.send(
            new ProducerRecord<>(
                prefix + "." + sent.kind(),
                sent.key().getBytes(StandardCharsets.UTF_8),
                sent.value()));
      }
      producer.flush();
    }
  }

  /** Records on the event topics (end offsets summed). */
  public long produced() throws Exception {
    return remaining(null);
  }

  /** Records the group still has to commit, summed over the event topics. */
  public long remaining(String groupId) throws Exception {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (String topic : topics()) {
        for (int p = 0; p < PARTITIONS; p++) {
          request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
      }
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin
          .listOffsets(request)
          .all()
          .get(30, TimeUnit.SECONDS)
          .forEach((tp, info) -> ends.put(tp, info.offset()));
      Map<TopicPartition, OffsetAndMetadata> committed =
          groupId == null
              ? Map.of()
              : admin
                  .listConsumerGroupOffsets(groupId)
                  .partitionsToOffsetAndMetadata()
                  .get(30, TimeUnit.SECONDS);
      long remaining = 0;
      for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
        OffsetAndMetadata done = committed.get(end.getKey());
        remaining += end.getValue() - (done == null ? 0 : done.offset());
      }
      return remaining;
    }
  }

  public void awaitCaughtUp(String groupId, Duration atMost) {
    await("group " + groupId + " commits every record")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> remaining(groupId) == 0);
  }
}
