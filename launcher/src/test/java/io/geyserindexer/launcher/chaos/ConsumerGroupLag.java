package io.geyserindexer.launcher.chaos;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Whether a consumer group has committed the end offset of every partition of the event topics. */
final class ConsumerGroupLag {

  private ConsumerGroupLag() {}

  static boolean caughtUp(String bootstrap, String group, String prefix) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    try (Admin admin = Admin.create(props)) {
      List<String> topics = PoisonRecords.KINDS.stream().map(k -> prefix + "." + k).toList();
      Map<String, TopicDescription> described =
          admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      described
          .values()
          .forEach(
              d ->
                  d.partitions()
                      .forEach(
                          p ->
                              latest.put(
                                  new TopicPartition(d.name(), p.partition()),
                                  OffsetSpec.latest())));
      var ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(5, TimeUnit.SECONDS);
      for (var end : ends.entrySet()) {
        OffsetAndMetadata c = committed.get(end.getKey());
        long position = c == null ? 0 : c.offset();
        if (position < end.getValue().offset()) {
          return false;
        }
      }
      return true;
    } catch (Exception e) {
      return false; // broker restarting or topics not there yet: not caught up
    }
  }
}
