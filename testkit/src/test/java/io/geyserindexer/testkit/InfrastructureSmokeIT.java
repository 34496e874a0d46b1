package io.geyserindexer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Proves the test infrastructure itself: records through the real broker, rows through PostgreSQL.
 */
class InfrastructureSmokeIT {

  private static final int RECORDS = 10_000;

  @Test
  void tenThousandRecordsRoundTripThroughTheBroker() throws Exception {
    String bootstrap = SharedKafka.bootstrapServers();
    String topic = UniqueNames.of("smoke");
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
    }

    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(bootstrap))) {
      for (int i = 0; i < RECORDS; i++) {
        producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
      }
      producer.flush();
    }

    Map<String, String> seen = new HashMap<>();
    int duplicates = 0;
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(consumerConfig(bootstrap, UniqueNames.of("smoke-group")))) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (seen.size() < RECORDS && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          if (seen.put(record.key(), record.value()) != null) {
            duplicates++;
          }
        }
      }
    }
    assertThat(seen).hasSize(RECORDS);
    assertThat(duplicates).isZero();
    for (int i = 0; i < RECORDS; i++) {
      assertThat(seen.get("key-" + i)).isEqualTo("value-" + i);
    }
  }

  @Test
  void rowsRoundTripThroughPostgresInADatabaseOfTheirOwn() throws Exception {
    String name;
    try (TestDatabase db = SharedPostgres.createDatabase("smoke");
        Connection connection = db.connection()) {
      name = db.name();
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE TABLE samples (id int PRIMARY KEY, amount numeric(20,0), note text)");
      }
      BigDecimal u64Max = new BigDecimal(Long.toUnsignedString(-1L));
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO samples VALUES (?, ?, ?)")) {
        for (int i = 0; i < 1000; i++) {
          insert.setInt(1, i);
          insert.setBigDecimal(2, u64Max.subtract(BigDecimal.valueOf(i)));
          insert.setString(3, "naïve 🚀 " + i);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      try (Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery("SELECT id, amount, note FROM samples ORDER BY id")) {
        int expected = 0;
        while (rows.next()) {
          assertThat(rows.getInt(1)).isEqualTo(expected);
          assertThat(rows.getBigDecimal(2))
              .isEqualTo(u64Max.subtract(BigDecimal.valueOf(expected)));
          assertThat(rows.getString(3)).isEqualTo("naïve 🚀 " + expected);
          expected++;
        }
        assertThat(expected).isEqualTo(1000);
      }
    }
    try (Connection admin = SharedPostgres.server().adminConnection();
        PreparedStatement exists =
            admin.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
      exists.setString(1, name);
      try (ResultSet rows = exists.executeQuery()) {
        rows.next();
        assertThat(rows.getInt(1)).as("the test database is dropped on close").isZero();
      }
    }
  }

  @Test
  void aDedicatedBrokerKeepsItsDataAcrossARestart() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      String topic = UniqueNames.of("restart");
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(producerConfig(broker.bootstrapServers()))) {
        producer.send(new ProducerRecord<>(topic, "before", "restart")).get();
      }
      broker.stop();
      assertThat(broker.isRunning()).isFalse();
      broker.restart();
      try (KafkaConsumer<String, String> consumer =
          new KafkaConsumer<>(consumerConfig(broker.bootstrapServers(), UniqueNames.of("g")))) {
        consumer.subscribe(List.of(topic));
        Map<String, String> seen = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (seen.isEmpty() && System.nanoTime() < deadline) {
          consumer.poll(Duration.ofMillis(500)).forEach(r -> seen.put(r.key(), r.value()));
        }
        assertThat(seen).containsEntry("before", "restart");
      }
    }
  }

  private static Properties producerConfig(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return props;
  }

  private static Properties consumerConfig(String bootstrap, String group) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return props;
  }
}
