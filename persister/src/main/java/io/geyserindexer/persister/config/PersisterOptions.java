package io.geyserindexer.persister.config;

import io.geyserindexer.runtime.config.DatabaseUrl;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The persister's own options; {@link #load} validates them as a whole into one record. */
public final class PersisterOptions {

  /** Consumer settings the persister's correctness depends on; pass-through may not touch them. */
  static final Set<String> OWNED_CONSUMER_KEYS =
      Set.of(
          "group.id",
          "enable.auto.commit",
          "max.poll.records",
          "key.deserializer",
          "value.deserializer",
          "bootstrap.servers");

  @Mixin KafkaOptions kafka = new KafkaOptions();

  @Option(
      names = "--database-url",
      descriptionKey = "DATABASE_URL",
      description =
          "jdbc:postgresql://host:port/db or postgresql://user:password@host:port/db"
              + " (env DATABASE_URL).")
  String databaseUrl;

  @Option(
      names = "--database-user",
      descriptionKey = "DATABASE_USER",
      description = "Overrides the URL's user (env DATABASE_USER).")
  String databaseUser;

  @Option(
      names = "--database-password",
      descriptionKey = "DATABASE_PASSWORD",
      description = "Overrides the URL's password (env DATABASE_PASSWORD).")
  String databasePassword;

  @Option(
      names = "--max-poll-records",
      descriptionKey = "MAX_POLL_RECORDS",
      defaultValue = "50",
      description = "Records per poll and per transaction (env MAX_POLL_RECORDS, default 50).")
  int maxPollRecords;

  @Option(
      names = "--threads",
      descriptionKey = "PERSISTER_THREADS",
      defaultValue = "1",
      description = "Consumer threads, each with its own connection (env PERSISTER_THREADS).")
  int threads;

  @Option(
      names = "--metrics-host",
      descriptionKey = "METRICS_HOST",
      defaultValue = "0.0.0.0",
      description = "Bind address of /metrics and /health (env METRICS_HOST).")
  String metricsHost;

  @Option(
      names = "--metrics-port",
      descriptionKey = "METRICS_PORT",
      defaultValue = "9465",
      description = "Port of /metrics and /health; 0 = any free, -1 = off (env METRICS_PORT).")
  int metricsPort;

  @Option(
      names = "--run-migrations",
      descriptionKey = "RUN_MIGRATIONS",
      defaultValue = "true",
      arity = "1",
      description = "Apply the Flyway migrations at start (env RUN_MIGRATIONS, default true).")
  boolean runMigrations;

  @Option(
      names = "--retry-initial-ms",
      descriptionKey = "RETRY_INITIAL_MS",
      defaultValue = "200",
      description = "First backoff after a transient error (env RETRY_INITIAL_MS).")
  long retryInitialMs;

  @Option(
      names = "--retry-max-ms",
      descriptionKey = "RETRY_MAX_MS",
      defaultValue = "10000",
      description = "Longest backoff between retries (env RETRY_MAX_MS).")
  long retryMaxMs;

  @Option(
      names = "--consumer-property",
      paramLabel = "KEY=VALUE",
      description =
          "Kafka consumer property; repeatable. Also env KAFKA_CONSUMER_<KEY>,"
              + " e.g. KAFKA_CONSUMER_FETCH_MAX_BYTES.")
  Map<String, String> consumerProperties;

  /**
   * Validates every option and returns the typed configuration.
   *
   * @throws InvalidSettingException naming the first setting that cannot be used
   */
  public PersisterConfig load(Map<String, String> environment) {
    KafkaSettings kafkaSettings = kafka.load(environment);
    DatabaseUrl url;
    try {
      url = DatabaseUrl.parse(databaseUrl);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException("DATABASE_URL", e.getMessage());
    }
    String user = firstNonBlank(databaseUser, url.user());
    if (user == null && !url.jdbcUrl().contains("user=")) {
      throw new InvalidSettingException(
          "DATABASE_USER", "is required (or give it in DATABASE_URL as postgresql://user@...)");
    }
    String password = firstNonBlank(databasePassword, url.password());
    if (maxPollRecords < 1 || maxPollRecords > 100_000) {
      throw new InvalidSettingException(
          "MAX_POLL_RECORDS", maxPollRecords + " is not in 1..100000");
    }
    if (threads < 1 || threads > 64) {
      throw new InvalidSettingException("PERSISTER_THREADS", threads + " is not in 1..64");
    }
    if (metricsPort < -1 || metricsPort > 65_535) {
      throw new InvalidSettingException("METRICS_PORT", metricsPort + " is not in -1..65535");
    }
    if (retryInitialMs < 1 || retryMaxMs < retryInitialMs) {
      throw new InvalidSettingException(
          "RETRY_MAX_MS",
          "need 1 <= RETRY_INITIAL_MS ("
              + retryInitialMs
              + ") <= RETRY_MAX_MS ("
              + retryMaxMs
              + ")");
    }
    Map<String, String> consumer =
        PassThroughProperties.collect("KAFKA_CONSUMER_", environment, consumerProperties);
    for (String key : consumer.keySet()) {
      if (OWNED_CONSUMER_KEYS.contains(key)) {
        throw new InvalidSettingException(
            "KAFKA_CONSUMER_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'),
            "'" + key + "' is set by the persister itself (see its own settings)");
      }
    }
    return new PersisterConfig(
        new DatabaseSettings(url.jdbcUrl(), user, password, threads),
        kafkaSettings,
        maxPollRecords,
        threads,
        consumer,
        metricsHost,
        metricsPort,
        runMigrations,
        Duration.ofMillis(retryInitialMs),
        Duration.ofMillis(retryMaxMs));
  }

  private static String firstNonBlank(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : null;
  }
}
