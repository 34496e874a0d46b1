package io.geyserindexer.ingestor.config;

import java.time.Duration;
import java.util.Map;

/**
 * Where and how events are produced.
 *
 * @param bootstrapServers the Kafka bootstrap list
 * @param topicPrefix topics are {@code <prefix>.slots|blocks|transactions|accounts|...}
 * @param producerProperties passed to the producer verbatim, after the ingestor's own settings
 *     (those correctness depends on cannot be overridden, see ProducerSettings)
 * @param createTopics create missing topics at start
 * @param topicPartitions partitions of created topics
 * @param replicationFactor replication of created topics; -1 for the broker default
 * @param maxInFlight events handed to the producer and not yet acknowledged, at most
 * @param drainTimeout how long shutdown may take to publish the queue and flush
 */
public record KafkaConfig(
    String bootstrapServers,
    String topicPrefix,
    Map<String, String> producerProperties,
    boolean createTopics,
    int topicPartitions,
    short replicationFactor,
    int maxInFlight,
    Duration drainTimeout) {

  public KafkaConfig {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("KAFKA_BOOTSTRAP_SERVERS is required");
    }
    if (topicPrefix == null || !topicPrefix.matches("[a-zA-Z0-9._-]{1,200}")) {
      throw new IllegalArgumentException(
          "TOPIC_PREFIX must be 1-200 characters of [a-zA-Z0-9._-], was '" + topicPrefix + "'");
    }
    if (topicPartitions < 1) {
      throw new IllegalArgumentException("TOPIC_PARTITIONS must be >= 1, was " + topicPartitions);
    }
    if (replicationFactor == 0 || replicationFactor < -1) {
      throw new IllegalArgumentException(
          "TOPIC_REPLICATION_FACTOR must be -1 (broker default) or >= 1, was " + replicationFactor);
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("KAFKA_MAX_IN_FLIGHT must be >= 1, was " + maxInFlight);
    }
    producerProperties = Map.copyOf(producerProperties);
  }
}
