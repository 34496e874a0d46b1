package io.geyserindexer.persister.ops;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Moves a consumer group's committed offsets with the Admin API, as {@code kafka-consumer-groups
 * --reset-offsets --execute} does. Refuses while the group has active members: they would overwrite
 * the new offsets with their own next commit.
 */
public final class KafkaOffsetResetter {

  private static final long TIMEOUT_SECONDS = 30;

  private final Admin admin;
  private final PrintWriter out;

  public KafkaOffsetResetter(Admin admin, PrintWriter out) {
    this.admin = admin;
    this.out = out;
  }

  /** Thrown when the reset cannot run; the message is the one line to print. */
  public static final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public RefusedException(String message) {
      super(message);
    }
  }

  /**
   * Resets {@code groupId} on every partition of {@code topics} and prints each change.
   *
   * @return the new offsets
   */
  public Map<TopicPartition, Long> reset(
      String groupId, Collection<String> topics, OffsetReset target, boolean dryRun)
      throws RefusedException, InterruptedException, ExecutionException, TimeoutException {
    ConsumerGroupDescription group = describe(groupId);
    if (group != null && !group.members().isEmpty()) {
      throw new RefusedException(
          "group "
              + groupId
              + " has "
              + group.members().size()
              + " active member(s); stop every persister of this group first");
    }
    List<TopicPartition> partitions = partitions(topics);
    if (partitions.isEmpty()) {
      throw new RefusedException("none of the topics " + topics + " exists");
    }
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(groupId)
            .partitionsToOffsetAndMetadata()
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Map<TopicPartition, Long> earliest = offsets(partitions, OffsetSpec.earliest());
    Map<TopicPartition, Long> latest = offsets(partitions, OffsetSpec.latest());
    Map<TopicPartition, Long> targets = new TreeMap<>(KafkaOffsetResetter::compare);
    Map<TopicPartition, Long> byTime =
        target instanceof OffsetReset.ToDatetime at
            ? offsets(partitions, OffsetSpec.forTimestamp(at.at().toEpochMilli()))
            : Map.of();
    for (TopicPartition partition : partitions) {
      long low = earliest.get(partition);
      long high = latest.get(partition);
      OffsetAndMetadata current = committed.get(partition);
      long next;
      if (target instanceof OffsetReset.ToEarliest) {
        next = low;
      } else if (target instanceof OffsetReset.ToLatest) {
        next = high;
      } else if (target instanceof OffsetReset.ToDatetime) {
        // No record at or after the time: nothing to replay, start at the end.
        long at = byTime.get(partition);
        next = at < 0 ? high : at;
      } else {
        long delta = ((OffsetReset.ShiftBy) target).delta();
        long from = current == null ? low : current.offset();
        next = Math.max(low, Math.min(high, from + delta));
      }
      targets.put(partition, next);
    }
    Map<TopicPartition, OffsetAndMetadata> update = new HashMap<>();
    targets.forEach((p, offset) -> update.put(p, new OffsetAndMetadata(offset)));
    if (!dryRun) {
      admin.alterConsumerGroupOffsets(groupId, update).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
    out.printf("%s group %s:%n", dryRun ? "Would reset" : "Reset", groupId);
    targets.forEach(
        (p, offset) -> {
          OffsetAndMetadata current = committed.get(p);
          out.printf(
              "  %s partition %d: %s -> %d%n",
              p.topic(), p.partition(), current == null ? "none" : current.offset(), offset);
        });
    return targets;
  }

  private ConsumerGroupDescription describe(String groupId)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      return admin
          .describeConsumerGroups(List.of(groupId))
          .all()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .get(groupId);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return null;
      }
      throw e;
    }
  }

  private List<TopicPartition> partitions(Collection<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    List<String> present = topics.stream().filter(existing::contains).toList();
    topics.stream()
        .filter(t -> !existing.contains(t))
        .forEach(t -> out.printf("  %s does not exist, skipped%n", t));
    List<TopicPartition> partitions = new ArrayList<>();
    try {
      Map<String, TopicDescription> described =
          admin.describeTopics(present).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      described
          .values()
          .forEach(
              d ->
                  d.partitions()
                      .forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
        throw e;
      }
    }
    partitions.sort(KafkaOffsetResetter::compare);
    return partitions;
  }

  private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(p -> request.put(p, spec));
    Map<TopicPartition, ListOffsetsResultInfo> result =
        admin.listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Map<TopicPartition, Long> out = new HashMap<>();
    result.forEach((p, info) -> out.put(p, info.offset()));
    return out;
  }

  private static int compare(TopicPartition a, TopicPartition b) {
    int c = a.topic().compareTo(b.topic());
    return c != 0 ? c : Integer.compare(a.partition(), b.partition());
  }
}
