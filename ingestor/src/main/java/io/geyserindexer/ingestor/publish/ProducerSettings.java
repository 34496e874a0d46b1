package io.geyserindexer.ingestor.publish;

import io.geyserindexer.ingestor.config.KafkaConfig;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer's properties: tuned defaults, then the pass-through properties from config, then the
 * settings correctness depends on, which a pass-through value cannot weaken.
 */
public final class ProducerSettings {

  /**
   * Fits a 10 MiB account update (the Solana maximum) plus the event envelope and batch overhead.
   * Topics and the broker need {@code max.message.bytes} (broker: {@code message.max.bytes}) at
   * least this large; topics the ingestor creates get it.
   */
  public static final int MAX_RECORD_BYTES = 12 * 1024 * 1024;

  /** Settings that keep delivery lossless and ordered; fixed. */
  static final Map<String, String> REQUIRED =
      Map.of(
          ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
          ProducerConfig.ACKS_CONFIG, "all");

  private static final Set<String> OWNED =
      Set.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);

  private ProducerSettings() {}

  public static Properties of(KafkaConfig config, String clientId) {
    Properties props = new Properties();
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // 20 ms rather than 5: the events spread over six topics' partitions, so with 5 ms each batch
    // held few records and per-batch costs (lz4 buffers, requests, broker validation) dominated.
    // IngestorBenchmark, warm, 200k events: 23.0/20.4 us CPU per event at 20 ms against
    // 27.2-36.0 at 5 ms. The price is up to 20 ms more latency, immaterial for an indexer.
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L * 1024 * 1024));
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(MAX_RECORD_BYTES));
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    // Kafka briefly down is not fatal: retries run for delivery.timeout.ms while the queue fills
    // and backpressure holds the stream. Only a send still failing after that is fatal.
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "120000");
    props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    config.producerProperties().forEach(props::put);
    props.putAll(REQUIRED);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }

  /**
   * Rejects pass-through properties that contradict a required setting, so a config mistake is a
   * clear start-up error rather than a silent override.
   */
  public static void validate(Map<String, String> passThrough) {
    passThrough.forEach(
        (key, value) -> {
          String required = REQUIRED.get(key);
          if (required != null && !required.equalsIgnoreCase(value.trim())) {
            throw new IllegalArgumentException(
                "producer property "
                    + key
                    + "="
                    + value
                    + " contradicts the required "
                    + key
                    + "="
                    + required);
          }
          if (OWNED.contains(key)) {
            throw new IllegalArgumentException(
                "producer property " + key + " is set by the ingestor itself; remove it");
          }
        });
  }
}
