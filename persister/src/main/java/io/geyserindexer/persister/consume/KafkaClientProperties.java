package io.geyserindexer.persister.consume;

import io.geyserindexer.persister.config.PersisterConfig;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Builds the Kafka client properties: pass-through properties first, then the settings the
 * persister's guarantees depend on, set explicitly and last so nothing overrides them.
 */
public final class KafkaClientProperties {

  private KafkaClientProperties() {}

  /**
   * Properties of consumer thread {@code thread}. A pass-through {@code group.instance.id} (static
   * membership: a restarted process takes its partitions back without a rebalance) gets the thread
   * number appended, since every member needs its own id.
   */
  public static Properties consumer(PersisterConfig config, String clientId, int thread) {
    Properties props = new Properties();
    // Defaults a user may override: a new group starts at the beginning, so nothing is skipped;
    // aborted transactional writes of a producer are never persisted.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A persister started before the ingestor would otherwise have the broker create the topics
    // with its default partition count (often 1), and the ingestor would then keep that layout:
    // one busy consumer thread and idle others. The consumer waits for the ingestor's topics.
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.putAll(config.kafka().clientProperties());
    props.putAll(config.consumerProperties());
    String instance = config.consumerProperties().get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    if (instance != null && !instance.isBlank()) {
      props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instance + "-" + thread);
    }
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.kafka().groupId());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(config.maxPollRecords()));
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return props;
  }

  public static Properties deadLetterProducer(PersisterConfig config) {
    Properties props = new Properties();
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "persister-dlq");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
    props.putAll(config.kafka().clientProperties());
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }

  public static Properties admin(String bootstrapServers, Map<String, String> clientProperties) {
    Properties props = new Properties();
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "persister-admin");
    props.putAll(clientProperties);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return props;
  }
}
