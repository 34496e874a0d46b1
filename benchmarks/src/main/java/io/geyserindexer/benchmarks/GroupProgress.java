package io.geyserindexer.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group is through a set of topics, from Kafka's committed offsets: the same
 * progress record the persister itself trusts, so a measurement never needs the process's help.
 */
final class GroupProgress implements AutoCloseable {

  private final Admin admin;

  GroupProgress(String bootstrapServers) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** Records on the topics (sum of end offsets). */
  long endOffsets(Collection<String> topics) throws ExecutionException, InterruptedException {
    return partitionEnds(topics).values().stream().mapToLong(Long::longValue).sum();
  }

  /** The end offset of every partition of {@code topics}. */
  private Map<TopicPartition, Long> partitionEnds(Collection<String> topics)
      throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
      topic
          .partitions()
          .forEach(
              p ->
                  request.put(
                      new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }

  /** Records the group has committed on the topics. */
  long committed(String group, Collection<String> topics)
      throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    return offsets.entrySet().stream()
        .filter(e -> topics.contains(e.getKey().topic()) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset())
        .sum();
  }

  /**
   * Records on {@code topics} the group has not committed yet, summed over partitions (a partition
   * without a commit counts from offset 0).
   */
  long lag(String group, Collection<String> topics)
      throws ExecutionException, InterruptedException {
    return lagByTopic(group, topics).values().stream().mapToLong(Long::longValue).sum();
  }

  /** {@link #lag} per topic: which kinds of event a backlog is made of. */
  Map<String, Long> lagByTopic(String group, Collection<String> topics)
      throws ExecutionException, InterruptedException {
    return lagByTopic(
        partitionEnds(topics),
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get());
  }

  static Map<String, Long> lagByTopic(
      Map<TopicPartition, Long> ends, Map<TopicPartition, OffsetAndMetadata> committed) {
    Map<String, Long> lag = new TreeMap<>();
    for (var end : ends.entrySet()) {
      OffsetAndMetadata done = committed.get(end.getKey());
      long behind = Math.max(0, end.getValue() - (done == null ? 0 : done.offset()));
      lag.merge(end.getKey().topic(), behind, Long::sum);
    }
    return lag;
  }

  List<String> topicsWithPrefix(String prefix) throws ExecutionException, InterruptedException {
    return admin.listTopics().names().get().stream()
        .filter(t -> t.startsWith(prefix + ".") && !t.endsWith(".dlq"))
        .sorted()
        .toList();
  }

  @Override
  public void close() {
    admin.close();
  }
}
