package io.geyserindexer.persister.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole, validated configuration of one persister process.
 *
 * @param database where rows go
 * @param kafka where events come from
 * @param maxPollRecords records per poll, hence per database transaction
 * @param threads consumer threads, each with its own consumer and database connection
 * @param consumerProperties passed verbatim to the consumers only (after the client properties)
 * @param metricsHost host the metrics endpoint binds
 * @param metricsPort port of /metrics and /health; 0 picks a free one, -1 disables the endpoint
 * @param runMigrations apply the Flyway migrations at start
 * @param retryInitial first backoff after a transient error
 * @param retryMax longest backoff between retries
 */
public record PersisterConfig(
    DatabaseSettings database,
    KafkaSettings kafka,
    int maxPollRecords,
    int threads,
    Map<String, String> consumerProperties,
    String metricsHost,
    int metricsPort,
    boolean runMigrations,
    Duration retryInitial,
    Duration retryMax) {

  public PersisterConfig {
    consumerProperties = Map.copyOf(consumerProperties);
  }

  /** Every setting by its variable name, for the one start-up log block (render it masked). */
  public Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("DATABASE_URL", database.jdbcUrl());
    out.put("DATABASE_USER", database.user());
    out.put("DATABASE_PASSWORD", database.password() == null ? "" : database.password());
    out.put("DATABASE_POOL_SIZE", database.poolSize());
    out.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    out.put("TOPIC_PREFIX", kafka.topicPrefix());
    out.put("TOPICS", String.join(",", kafka.topics()));
    out.put("PERSISTER_GROUP_ID", kafka.groupId());
    out.put("MAX_POLL_RECORDS", maxPollRecords);
    out.put("PERSISTER_THREADS", threads);
    out.put("METRICS_HOST", metricsHost);
    out.put("METRICS_PORT", metricsPort);
    out.put("RUN_MIGRATIONS", runMigrations);
    out.put("RETRY_INITIAL_MS", retryInitial.toMillis());
    out.put("RETRY_MAX_MS", retryMax.toMillis());
    kafka.clientProperties().forEach((k, v) -> out.put("kafka client " + k, v));
    consumerProperties.forEach((k, v) -> out.put("kafka consumer " + k, v));
    return out;
  }
}
