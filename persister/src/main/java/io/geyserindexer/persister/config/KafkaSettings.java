package io.geyserindexer.persister.config;

import java.util.List;
import java.util.Map;

/**
 * Where the events are and who reads them.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topicPrefix prefix of the event topics, {@code <prefix>.<kind>}
 * @param topicKinds the kinds consumed, e.g. slots, blocks, transactions, accounts
 * @param groupId the consumer group
 * @param clientProperties passed verbatim to every Kafka client (consumer, DLQ producer, admin)
 */
public record KafkaSettings(
    String bootstrapServers,
    String topicPrefix,
    List<String> topicKinds,
    String groupId,
    Map<String, String> clientProperties) {

  public KafkaSettings {
    topicKinds = List.copyOf(topicKinds);
    clientProperties = Map.copyOf(clientProperties);
  }

  /** The full topic names consumed. */
  public List<String> topics() {
    return topicKinds.stream().map(kind -> topicPrefix + "." + kind).toList();
  }
}
