package io.geyserindexer.persister.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The Kafka options shared by the persister and its {@code reset-offsets} subcommand. Each option
 * also reads the variable named in its description key (see runtime's EnvironmentDefaultProvider).
 */
public final class KafkaOptions {

  /** The kinds consumed by default: the four topics the ingestor always writes. */
  public static final String DEFAULT_KINDS = "slots,blocks,transactions,accounts";

  private static final Pattern TOPIC_CHARS = Pattern.compile("[a-zA-Z0-9._-]+");

  @Option(
      names = "--kafka-bootstrap-servers",
      descriptionKey = "KAFKA_BOOTSTRAP_SERVERS",
      description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Option(
      names = "--topic-prefix",
      descriptionKey = "TOPIC_PREFIX",
      defaultValue = "solana",
      description =
          "Event topics are <prefix>.<kind> (env TOPIC_PREFIX, default ${DEFAULT-VALUE}).")
  String topicPrefix;

  @Option(
      names = "--topics",
      descriptionKey = "TOPICS",
      defaultValue = DEFAULT_KINDS,
      description =
          "Comma-separated kinds to consume; also transaction_status, entries"
              + " (env TOPICS, default ${DEFAULT-VALUE}).")
  String topicKinds;

  @Option(
      names = "--group-id",
      descriptionKey = "PERSISTER_GROUP_ID",
      defaultValue = "geyser-persister",
      description = "Kafka consumer group (env PERSISTER_GROUP_ID, default ${DEFAULT-VALUE}).")
  String groupId;

  @Option(
      names = "--client-property",
      paramLabel = "KEY=VALUE",
      description =
          "Kafka property for every client (consumer, DLQ producer, admin); repeatable."
              + " Also env KAFKA_CLIENT_<KEY>, e.g. KAFKA_CLIENT_SECURITY_PROTOCOL.")
  Map<String, String> clientProperties;

  private static final List<String> KNOWN_KINDS =
      List.of("slots", "blocks", "transactions", "accounts", "transaction_status", "entries");

  /** Validates and types these options. */
  public KafkaSettings load(Map<String, String> environment) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new InvalidSettingException(
          "KAFKA_BOOTSTRAP_SERVERS", "is required (host:port[,host:port...])");
    }
    if (topicPrefix == null || !TOPIC_CHARS.matcher(topicPrefix).matches()) {
      throw new InvalidSettingException(
          "TOPIC_PREFIX", "'" + topicPrefix + "' must be letters, digits, '.', '_' or '-'");
    }
    List<String> kinds =
        Arrays.stream(topicKinds.split(",")).map(String::trim).filter(k -> !k.isEmpty()).toList();
    if (kinds.isEmpty() || !KNOWN_KINDS.containsAll(kinds)) {
      throw new InvalidSettingException(
          "TOPICS", "'" + topicKinds + "' must be a comma-separated subset of " + KNOWN_KINDS);
    }
    if (groupId == null || groupId.isBlank()) {
      throw new InvalidSettingException("PERSISTER_GROUP_ID", "must not be empty");
    }
    Map<String, String> client =
        PassThroughProperties.collect("KAFKA_CLIENT_", environment, clientProperties);
    if (client.containsKey("bootstrap.servers")) {
      throw new InvalidSettingException(
          "KAFKA_CLIENT_BOOTSTRAP_SERVERS", "use KAFKA_BOOTSTRAP_SERVERS instead");
    }
    return new KafkaSettings(bootstrapServers.trim(), topicPrefix, kinds, groupId, client);
  }
}
