package io.geyserindexer.ingestor.config;

import io.geyserindexer.ingestor.buffer.OverflowPolicy;
import io.geyserindexer.ingestor.publish.ProducerSettings;
import io.geyserindexer.proto.geyser.CommitmentLevel;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import io.geyserindexer.runtime.retry.Backoff;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The ingestor's settings as picocli options. Each option also reads the environment variable in
 * its {@code descriptionKey} (and the same key in the optional config file) through runtime's
 * EnvironmentDefaultProvider. {@link #toConfig} validates everything at once.
 */
@Command(
    name = "ingestor",
    mixinStandardHelpOptions = true,
    description = "Streams a Yellowstone Geyser subscription into Kafka.")
public final class IngestorCommand {

  /** Environment variables with this prefix pass through as producer properties. */
  public static final String PRODUCER_ENV_PREFIX = "KAFKA_PRODUCER_";

  @Option(names = "--config", description = "Properties or flat YAML file of SETTING=value.")
  Path config;

  @Option(
      names = "--geyser-endpoint",
      descriptionKey = "GEYSER_ENDPOINT",
      description = "http://host:port or https://host:port")
  String endpoint;

  @Option(
      names = "--geyser-x-token",
      descriptionKey = "GEYSER_X_TOKEN",
      description = "x-token sent on every call (secret).")
  String xToken;

  @Option(
      names = "--geyser-ca-file",
      descriptionKey = "GEYSER_CA_FILE",
      description = "PEM CA file for TLS; default system trust store.")
  Path caFile;

  @Option(
      names = "--geyser-max-inbound-message-bytes",
      descriptionKey = "GEYSER_MAX_INBOUND_MESSAGE_BYTES",
      defaultValue = "67108864")
  int maxInboundBytes;

  @Option(
      names = "--geyser-keepalive-time",
      descriptionKey = "GEYSER_KEEPALIVE_TIME",
      defaultValue = "30s")
  String keepAliveTime;

  @Option(
      names = "--geyser-keepalive-timeout",
      descriptionKey = "GEYSER_KEEPALIVE_TIMEOUT",
      defaultValue = "10s")
  String keepAliveTimeout;

  @Option(
      names = "--geyser-silence-timeout",
      descriptionKey = "GEYSER_SILENCE_TIMEOUT",
      defaultValue = "30s",
      description = "A stream silent this long is dead.")
  String silenceTimeout;

  @Option(
      names = "--geyser-backoff-initial",
      descriptionKey = "GEYSER_BACKOFF_INITIAL",
      defaultValue = "500ms")
  String backoffInitial;

  @Option(
      names = "--geyser-backoff-max",
      descriptionKey = "GEYSER_BACKOFF_MAX",
      defaultValue = "30s")
  String backoffMax;

  @Option(
      names = "--geyser-healthy-after",
      descriptionKey = "GEYSER_HEALTHY_AFTER",
      defaultValue = "60s",
      description = "A stream that lived this long resets the backoff.")
  String healthyAfter;

  @Option(
      names = "--geyser-resume-overlap-slots",
      descriptionKey = "GEYSER_RESUME_OVERLAP_SLOTS",
      defaultValue = "0")
  int resumeOverlapSlots;

  @Option(
      names = "--live-start",
      descriptionKey = "GEYSER_LIVE_START",
      defaultValue = "false",
      arity = "0..1",
      fallbackValue = "true",
      description = "Ignore the slots topic at start-up; subscribe live.")
  String liveStart;

  @Option(
      names = "--geyser-subscription-file",
      descriptionKey = "GEYSER_SUBSCRIPTION_FILE",
      description = "YAML subscription (replaces the simple subscription settings).")
  Path subscriptionFile;

  @Option(names = "--geyser-subscribe", descriptionKey = "GEYSER_SUBSCRIBE")
  String subscribe;

  @Option(names = "--geyser-accounts", descriptionKey = "GEYSER_ACCOUNTS")
  String accounts;

  @Option(names = "--geyser-account-owners", descriptionKey = "GEYSER_ACCOUNT_OWNERS")
  String accountOwners;

  @Option(names = "--geyser-tx-account-include", descriptionKey = "GEYSER_TX_ACCOUNT_INCLUDE")
  String txAccountInclude;

  @Option(names = "--geyser-tx-vote", descriptionKey = "GEYSER_TX_VOTE")
  String txVote;

  @Option(names = "--geyser-tx-failed", descriptionKey = "GEYSER_TX_FAILED")
  String txFailed;

  @Option(
      names = "--geyser-commitment",
      descriptionKey = "GEYSER_COMMITMENT",
      defaultValue = "confirmed")
  String commitment;

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
          "Producer property key=value (repeatable); also env KAFKA_PRODUCER_<KEY> (LINGER_MS -> linger.ms).")
  Map<String, String> producerProperties = new LinkedHashMap<>();

  @Option(names = "--queue-capacity", descriptionKey = "QUEUE_CAPACITY", defaultValue = "1000")
  int queueCapacity;

  @Option(
      names = "--queue-policy",
      descriptionKey = "QUEUE_POLICY",
      defaultValue = "block",
      description = "block (default) or drop")
  String queuePolicy;

  @Option(
      names = "--kafka-drain-timeout",
      descriptionKey = "KAFKA_DRAIN_TIMEOUT",
      defaultValue = "20s")
  String drainTimeout;

  @Option(names = "--metrics-port", descriptionKey = "METRICS_PORT", defaultValue = "9464")
  int metricsPort;

  @Option(names = "--shutdown-timeout", descriptionKey = "SHUTDOWN_TIMEOUT", defaultValue = "30s")
  String shutdownTimeout;

  /**
   * Builds and validates the configuration.
   *
   * @param environment the process environment, for {@code KAFKA_PRODUCER_*} pass-through
   * @throws IllegalArgumentException with one line naming the bad setting
   */
  public IngestorConfig toConfig(Map<String, String> environment) {
    GeyserConfig geyser =
        new GeyserConfig(
            endpoint(),
            xToken == null || xToken.isEmpty() ? null : xToken,
            caFile(),
            maxInboundBytes,
            SettingText.duration("GEYSER_KEEPALIVE_TIME", keepAliveTime),
            SettingText.duration("GEYSER_KEEPALIVE_TIMEOUT", keepAliveTimeout),
            SettingText.duration("GEYSER_SILENCE_TIMEOUT", silenceTimeout),
            backoff(),
            SettingText.duration("GEYSER_HEALTHY_AFTER", healthyAfter),
            resumeOverlapSlots,
            liveStart != null && SettingText.bool("GEYSER_LIVE_START", liveStart));
    Map<String, String> producer = producerProperties(environment);
    ProducerSettings.validate(producer);
    KafkaConfig kafka =
        new KafkaConfig(
            bootstrapServers,
            topicPrefix,
            producer,
            SettingText.bool("CREATE_TOPICS", createTopics),
            topicPartitions,
            replicationFactor,
            maxInFlight,
            SettingText.duration("KAFKA_DRAIN_TIMEOUT", drainTimeout));
    OverflowPolicy policy;
    try {
      policy = OverflowPolicy.parse(queuePolicy);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("QUEUE_POLICY " + e.getMessage());
    }
    return new IngestorConfig(
        geyser,
        subscription(),
        new QueueConfig(queueCapacity, policy),
        kafka,
        metricsPort,
        SettingText.duration("SHUTDOWN_TIMEOUT", shutdownTimeout));
  }

  private URI endpoint() {
    if (endpoint == null || endpoint.isBlank()) {
      throw new IllegalArgumentException(
          "GEYSER_ENDPOINT is required (http://host:port or https://host:port)");
    }
    try {
      return new URI(endpoint.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("GEYSER_ENDPOINT is not a URI: " + e.getMessage());
    }
  }

  private Path caFile() {
    if (caFile != null && !Files.isReadable(caFile)) {
      throw new IllegalArgumentException("GEYSER_CA_FILE " + caFile + " is not a readable file");
    }
    return caFile;
  }

  private Backoff backoff() {
    try {
      return new Backoff(
          SettingText.duration("GEYSER_BACKOFF_INITIAL", backoffInitial),
          SettingText.duration("GEYSER_BACKOFF_MAX", backoffMax),
          2.0);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "GEYSER_BACKOFF_INITIAL/GEYSER_BACKOFF_MAX: " + e.getMessage());
    }
  }

  private SubscribeRequest subscription() {
    CommitmentLevel level = SettingText.commitment("GEYSER_COMMITMENT", commitment);
    boolean simpleSet =
        subscribe != null
            || accounts != null
            || accountOwners != null
            || txAccountInclude != null
            || txVote != null
            || txFailed != null;
    if (subscriptionFile != null) {
      if (simpleSet) {
        throw new IllegalArgumentException(
            "GEYSER_SUBSCRIPTION_FILE is set together with GEYSER_SUBSCRIBE/GEYSER_ACCOUNTS/...; use one or the other");
      }
      return SubscriptionFile.read(subscriptionFile, level);
    }
    return SubscriptionVariables.build(
        new SubscriptionVariables.Values(
            subscribe == null ? SubscriptionVariables.DEFAULT_SUBSCRIBE : subscribe,
            accounts,
            accountOwners,
            txAccountInclude,
            txVote == null || txVote.isBlank() ? null : SettingText.bool("GEYSER_TX_VOTE", txVote),
            txFailed == null || txFailed.isBlank()
                ? null
                : SettingText.bool("GEYSER_TX_FAILED", txFailed),
            level));
  }

  private Map<String, String> producerProperties(Map<String, String> environment) {
    Map<String, String> out = new TreeMap<>();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(PRODUCER_ENV_PREFIX)
              && name.length() > PRODUCER_ENV_PREFIX.length()) {
            String key =
                name.substring(PRODUCER_ENV_PREFIX.length())
                    .toLowerCase(Locale.ROOT)
                    .replace('_', '.');
            out.put(key, value);
          }
        });
    out.putAll(producerProperties);
    return out;
  }

  /** Settings for the effective-config log block; secrets are masked by the renderer. */
  public Map<String, Object> printable(IngestorConfig config) {
    Map<String, Object> out = new TreeMap<>();
    out.put("GEYSER_ENDPOINT", config.geyser().endpoint());
    out.put("GEYSER_X_TOKEN", config.geyser().xToken() == null ? "" : config.geyser().xToken());
    out.put("GEYSER_CA_FILE", caFile == null ? "" : caFile);
    out.put("GEYSER_MAX_INBOUND_MESSAGE_BYTES", maxInboundBytes);
    out.put("GEYSER_SILENCE_TIMEOUT", config.geyser().silenceTimeout());
    out.put("GEYSER_KEEPALIVE_TIME", config.geyser().keepAliveTime());
    out.put("GEYSER_BACKOFF", config.geyser().backoff());
    out.put("GEYSER_LIVE_START", config.geyser().liveStart());
    out.put("GEYSER_RESUME_OVERLAP_SLOTS", resumeOverlapSlots);
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
