package io.geyserindexer.ingestor.publish;

import io.geyserindexer.ingestor.config.KafkaConfig;
import io.geyserindexer.ingestor.parse.EventKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the event topics that do not exist yet, with the partitions from config and a {@code
 * max.message.bytes} that fits a 10 MiB account update. Existing topics are left alone.
 */
public final class KafkaTopicCreator {

  private static final Logger log = LoggerFactory.getLogger(KafkaTopicCreator.class);

  private KafkaTopicCreator() {}

  public static void createMissing(Admin admin, KafkaConfig config, Collection<EventKind> kinds)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    List<NewTopic> missing = new ArrayList<>();
    for (EventKind kind : kinds) {
      String topic = kind.topic(config.topicPrefix());
      if (!existing.contains(topic)) {
        missing.add(
            new NewTopic(
                    topic,
                    Optional.of(config.topicPartitions()),
                    Optional.of(config.replicationFactor()).filter(rf -> rf > 0))
                .configs(
                    Map.of(
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        String.valueOf(ProducerSettings.MAX_RECORD_BYTES),
                        TopicConfig.COMPRESSION_TYPE_CONFIG,
                        "producer")));
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    try {
      admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
    awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
    log.info(
        "Created topics {} ({} partitions, max.message.bytes {})",
        missing.stream().map(NewTopic::name).toList(),
        config.topicPartitions(),
        ProducerSettings.MAX_RECORD_BYTES);
  }

  /**
   * Waits until every partition of the new topics answers a ListOffsets on its leader. A leader in
   * the metadata is not enough: an idempotent producer that sends before the leader serves the
   * partition meets NotLeaderOrFollower retries, which on Kafka 4.4 were seen to end in endless
   * out-of-order sequence errors, holding the sends until delivery.timeout.ms.
   */
  private static void awaitLeaders(Admin admin, List<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!servedByLeaders(admin, topics)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "partitions of " + topics + " have no serving leader after 30 s");
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  private static boolean servedByLeaders(Admin admin, List<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
      for (TopicDescription topic :
          admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
        for (TopicPartitionInfo p : topic.partitions()) {
          if (p.leader() == null || p.leader().isEmpty()) {
            return false;
          }
          partitions.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest());
        }
      }
      admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException e) {
      // Retriable answers while a new topic settles: unknown to this broker, no leader yet, or the
      // leader not yet serving. Anything else is a real error.
      if (e.getCause() instanceof RetriableException) {
        return false;
      }
      throw e;
    }
  }
}
