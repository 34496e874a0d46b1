package io.geyserindexer.ingestor.config;

import io.geyserindexer.proto.geyser.SubscribeRequest;
import java.time.Duration;

/**
 * The whole, validated configuration of one ingestor process.
 *
 * @param subscription the filters to subscribe with (no from_slot, no ping: those are per stream)
 * @param metricsPort port of /metrics and /health; 0 picks a free one, -1 disables the endpoint
 */
public record IngestorConfig(
    GeyserConfig geyser,
    SubscribeRequest subscription,
    QueueConfig queue,
    KafkaConfig kafka,
    int metricsPort,
    Duration shutdownTimeout) {

  public IngestorConfig {
    if (metricsPort < -1 || metricsPort > 65535) {
      throw new IllegalArgumentException("METRICS_PORT must be -1..65535, was " + metricsPort);
    }
    GeyserConfig.positive(shutdownTimeout, "SHUTDOWN_TIMEOUT");
    if (subscription.hasFromSlot() || subscription.hasPing()) {
      throw new IllegalArgumentException("the subscription must not carry from_slot or ping");
    }
  }
}
