package io.geyserindexer.ingestor.config;

import io.geyserindexer.ingestor.publish.ProducerSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where and how events are produced, as picocli options; builds {@link KafkaConfig}. */
public final class KafkaOptions {

  @Option(names = "--kafka-bootstrap-servers", descriptionKey = "KAFKA_BOOTSTRAP_SERVERS")
  String bootstrapServers;

  @Option(names = "--topic-prefix", descriptionKey = "TOPIC_PREFIX", defaultValue = "solana")
  String topicPrefix;

  @Option(
      names = "--create-topics",
      descriptionKey = "CREATE_TOPICS",
      defaultValue = "true",
      arity = "1")
  String createTopics;

  @Option(names = "--topic-partitions", descriptionKey = "TOPIC_PARTITIONS", defaultValue = "6")
  int topicPartitions;

  @Option(
      names = "--topic-replication-factor",
      descriptionKey = "TOPIC_REPLICATION_FACTOR",
      defaultValue = "-1")
  short replicationFactor;

  @Option(
      names = "--kafka-max-in-flight",
      descriptionKey = "KAFKA_MAX_IN_FLIGHT",
      defaultValue = "10000")
  int maxInFlight;

  @Option(
      names = {"-P", "--producer-property"},
      description =
          "Producer property key=value (repeatable); also KAFKA_PRODUCER_<KEY> in the environment"
              + " or the config file (LINGER_MS -> linger.ms).")
  Map<String, String> producerProperties = new LinkedHashMap<>();

  @Option(
      names = "--kafka-drain-timeout",
      descriptionKey = "KAFKA_DRAIN_TIMEOUT",
      defaultValue = "20s")
  String drainTimeout;

  /**
   * @param passThrough producer properties from the environment and the config file; the {@code -P}
   *     flags given here override them
   * @throws IllegalArgumentException with one line naming the bad setting
   */
  KafkaConfig toConfig(Map<String, String> passThrough) {
    Map<String, String> producer = new LinkedHashMap<>(passThrough);
    producer.putAll(producerProperties);
    ProducerSettings.validate(producer);
    return new KafkaConfig(
        bootstrapServers,
        topicPrefix,
        producer,
        SettingText.bool("CREATE_TOPICS", createTopics),
        topicPartitions,
        replicationFactor,
        maxInFlight,
        SettingText.duration("KAFKA_DRAIN_TIMEOUT", drainTimeout));
  }
}
