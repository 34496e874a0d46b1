package io.geyserindexer.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one Kafka broker every test in this JVM shares, chosen once: {@code KAFKA_BOOTSTRAP_SERVERS}
 * when set, else a Testcontainers broker when a Docker engine answers, else an in-process KRaft
 * broker from Apache Kafka's own jars. Tests isolate themselves with unique topic and group names
 * ({@link UniqueNames}); a test that must stop Kafka starts its own {@link EmbeddedKafkaBroker}.
 */
public final class SharedKafka {

  private static final Logger log = LoggerFactory.getLogger(SharedKafka.class);
  static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

  private static volatile String bootstrapServers;

  private SharedKafka() {}

  public static String bootstrapServers() {
    String servers = bootstrapServers;
    if (servers == null) {
      synchronized (SharedKafka.class) {
        servers = bootstrapServers;
        if (servers == null) {
          servers = resolve();
          bootstrapServers = servers;
        }
      }
    }
    return servers;
  }

  private static String resolve() {
    String fromEnv = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
    if (fromEnv != null && !fromEnv.isBlank()) {
      log.info("Kafka for tests: KAFKA_BOOTSTRAP_SERVERS={}", fromEnv);
      return fromEnv;
    }
    if (DockerProbe.available()) {
      KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
      container.start();
      log.info(
          "Kafka for tests: Testcontainers {} at {}", KAFKA_IMAGE, container.getBootstrapServers());
      return container.getBootstrapServers();
    }
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "shared-kafka-shutdown"));
    log.info(
        "Kafka for tests: no Docker engine, in-process KRaft broker at {}",
        broker.bootstrapServers());
    return broker.bootstrapServers();
  }
}
