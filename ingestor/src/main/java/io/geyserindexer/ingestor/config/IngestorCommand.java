package io.geyserindexer.ingestor.config;

import io.geyserindexer.ingestor.buffer.OverflowPolicy;
import io.geyserindexer.runtime.config.EnvironmentDefaultProvider;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The ingestor's settings as picocli options, grouped by what they configure (Geyser connection,
 * subscription, Kafka). Each option also reads the environment variable in its {@code
 * descriptionKey} (and the same key in the optional config file) through runtime's
 * EnvironmentDefaultProvider. {@link #toConfig} validates everything at once.
 */
@Command(
    name = "ingestor",
    mixinStandardHelpOptions = true,
    description = "Streams a Yellowstone Geyser subscription into Kafka.")
public final class IngestorCommand {

  @Option(names = "--config", description = "Properties or flat YAML file of SETTING=value.")
  Path config;

  @Mixin GeyserOptions geyser = new GeyserOptions();

  @Mixin SubscriptionOptions subscription = new SubscriptionOptions();

  @Mixin KafkaOptions kafka = new KafkaOptions();

  @Option(names = "--queue-capacity", descriptionKey = "QUEUE_CAPACITY", defaultValue = "1000")
  int queueCapacity;

  @Option(
      names = "--queue-policy",
      descriptionKey = "QUEUE_POLICY",
      defaultValue = "block",
      description = "block (default) or drop")
  String queuePolicy;

  @Option(names = "--metrics-port", descriptionKey = "METRICS_PORT", defaultValue = "9464")
  int metricsPort;

  @Option(names = "--shutdown-timeout", descriptionKey = "SHUTDOWN_TIMEOUT", defaultValue = "30s")
  String shutdownTimeout;

  /**
   * Builds and validates the configuration.
   *
   * @param environment the process environment, for {@code KAFKA_PRODUCER_*} pass-through (also
   *     read from the config file)
   * @throws IllegalArgumentException with one line naming the bad setting
   */
  public IngestorConfig toConfig(Map<String, String> environment) {
    GeyserConfig geyserConfig = geyser.toConfig();
    KafkaConfig kafkaConfig =
        kafka.toConfig(ProducerPassThrough.collect(configFile(environment), environment));
    OverflowPolicy policy;
    try {
      policy = OverflowPolicy.parse(queuePolicy);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("QUEUE_POLICY " + e.getMessage());
    }
    return new IngestorConfig(
        geyserConfig,
        subscription.toRequest(),
        new QueueConfig(queueCapacity, policy),
        kafkaConfig,
        metricsPort,
        SettingText.duration("SHUTDOWN_TIMEOUT", shutdownTimeout));
  }

  /** The flag wins over the variable, as in EnvironmentDefaultProvider. */
  private Path configFile(Map<String, String> environment) {
    if (config != null) {
      return config;
    }
    String path = environment.get(EnvironmentDefaultProvider.CONFIG_ENV);
    return path == null || path.isBlank() ? null : Path.of(path);
  }

  /** Settings for the effective-config log block; secrets are masked by the renderer. */
  public Map<String, Object> printable(IngestorConfig config) {
    Map<String, Object> out = new TreeMap<>();
    out.put("GEYSER_ENDPOINT", config.geyser().endpoint());
    out.put("GEYSER_X_TOKEN", config.geyser().xToken() == null ? "" : config.geyser().xToken());
    out.put("GEYSER_CA_FILE", config.geyser().caFile() == null ? "" : config.geyser().caFile());
    out.put("GEYSER_MAX_INBOUND_MESSAGE_BYTES", config.geyser().maxInboundMessageBytes());
    out.put("GEYSER_SILENCE_TIMEOUT", config.geyser().silenceTimeout());
    out.put("GEYSER_KEEPALIVE_TIME", config.geyser().keepAliveTime());
    out.put("GEYSER_BACKOFF", config.geyser().backoff());
    out.put("GEYSER_LIVE_START", config.geyser().liveStart());
    out.put("GEYSER_CAPTURE_FILE", config.geyser().captureFile());
    out.put("GEYSER_RESUME_OVERLAP_SLOTS", config.geyser().resumeOverlapSlots());
    out.put("GEYSER_SUBSCRIPTION", SubscriptionSummary.of(config.subscription()));
    out.put("KAFKA_BOOTSTRAP_SERVERS", config.kafka().bootstrapServers());
    out.put("TOPIC_PREFIX", config.kafka().topicPrefix());
    out.put("CREATE_TOPICS", config.kafka().createTopics());
    out.put("TOPIC_PARTITIONS", config.kafka().topicPartitions());
    out.put("KAFKA_MAX_IN_FLIGHT", config.kafka().maxInFlight());
    config.kafka().producerProperties().forEach((k, v) -> out.put("producer." + k, v));
    out.put("QUEUE_CAPACITY", config.queue().capacity());
    out.put("QUEUE_POLICY", config.queue().policy());
    out.put("METRICS_PORT", config.metricsPort());
    out.put("SHUTDOWN_TIMEOUT", config.shutdownTimeout());
    return out;
  }
}
