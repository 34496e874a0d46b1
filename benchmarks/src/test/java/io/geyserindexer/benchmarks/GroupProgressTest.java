package io.geyserindexer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GroupProgressTest {

  @Test
  void lagIsSummedPerTopicAndAPartitionWithoutACommitCountsFromZero() {
    TopicPartition tx0 = new TopicPartition("p.transactions", 0);
    TopicPartition tx1 = new TopicPartition("p.transactions", 1);
    TopicPartition acc0 = new TopicPartition("p.accounts", 0);
    TopicPartition slots0 = new TopicPartition("p.slots", 0);

    Map<String, Long> lag =
        GroupProgress.lagByTopic(
            Map.of(tx0, 1_000L, tx1, 500L, acc0, 2_000L, slots0, 40L),
            Map.of(
                tx0, new OffsetAndMetadata(900L),
                acc0, new OffsetAndMetadata(2_000L),
                slots0, new OffsetAndMetadata(50L)));

    // tx1 has no commit: all 500 of its records are behind. A commit past the end (slots0, read
    // before the end offsets caught up) counts as nothing behind, never as negative.
    assertThat(lag)
        .containsExactly(
            Map.entry("p.accounts", 0L),
            Map.entry("p.slots", 0L),
            Map.entry("p.transactions", 600L));
  }
}
