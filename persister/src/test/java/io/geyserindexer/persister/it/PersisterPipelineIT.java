package io.geyserindexer.persister.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.geyserindexer.persister.PersisterMain;
import io.geyserindexer.persister.PersisterService;
import io.geyserindexer.persister.consume.DeadLetterPublisher;
import io.geyserindexer.persister.schema.SchemaMigrator;
import io.geyserindexer.proto.events.AccountUpdateEvent;
import io.geyserindexer.proto.events.BlockMetaEvent;
import io.geyserindexer.proto.events.EventRecord;
import io.geyserindexer.proto.events.SlotStatus;
import io.geyserindexer.proto.events.SlotStatusEvent;
import io.geyserindexer.testkit.SharedKafka;
import io.geyserindexer.testkit.SharedPostgres;
import io.geyserindexer.testkit.TcpProxy;
import io.geyserindexer.testkit.TestDatabase;
import io.geyserindexer.testkit.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The persister in this JVM against the real shared broker and PostgreSQL: exact rows for 100,000
 * events, replay after reset-offsets, poison records to the DLQ, and a database outage.
 */
class PersisterPipelineIT {

  private static Map<String, String> settings(
      TestDatabase db, String jdbcUrl, String prefix, String group) {
    Map<String, String> env = PersisterEnvironment.of(db, jdbcUrl, prefix, group);
    env.put("METRICS_HOST", "127.0.0.1");
    env.put("METRICS_PORT", "0");
    return env;
  }

  private static long count(TestDatabase db, String table) throws Exception {
    try (Connection c = db.connection();
        Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String get(int port, String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  @Test
  void hundredThousandEventsGiveExactRowsAndReplayGivesIdenticalTables() throws Exception {
    String prefix = UniqueNames.of("pipe");
    String group = UniqueNames.of("persister");
    PipelineSupport kafka = new PipelineSupport(SharedKafka.bootstrapServers(), prefix);
    EventFixture fixture = EventFixture.generate(42, 4000, 36_000, 5000, 7);
    assertThat(fixture.records).hasSizeGreaterThanOrEqualTo(100_000);
    kafka.createTopics();
    kafka.produce(fixture.records);

    try (TestDatabase db = SharedPostgres.createDatabase("persister_pipe")) {
      Map<String, String> env = settings(db, db.jdbcUrl(), prefix, group);
      env.put("MAX_POLL_RECORDS", "500");
      env.put("PERSISTER_THREADS", "2");
      Map<String, TreeSnapshot> first;
      try (PersisterService service = InProcessPersister.start(env)) {
        kafka.awaitCaughtUp(group, Duration.ofMinutes(3));
        int port = service.metricsPort().orElseThrow();
        String metrics = get(port, "/metrics");
        assertThat(metrics)
            .startsWith("200 ")
            .contains("persister_rows_total{table=\"accounts\"}")
            .contains("persister_tx_duration_seconds_bucket")
            .contains("persister_batch_size_records_bucket")
            .contains("persister_commit_duration_seconds_count")
            .contains("persister_event_latency_seconds_bucket")
            .contains("persister_lag{partition=\"0\",topic=\"" + prefix + ".accounts\"}")
            .contains("hikaricp_connections")
            .contains("jvm_memory_used_bytes{area=\"heap\"")
            .contains("process_memory_rss_peak_bytes ")
            .contains("kafka_consumer_fetch_manager_records_consumed_total");
        assertThat(get(port, "/health")).startsWith("200 ").contains("\"status\":\"UP\"");
        assertThat(service.registry().get("persister.records").counter().count())
            .isEqualTo(kafka.produced());
      }
      try (Connection c = db.connection()) {
        TableRows.assertExactly(c, fixture);
        first = TreeSnapshot.of(c, fixture);
      }

      // Replay: empty the tables, move the group back with our own tool, run again.
      try (Connection c = db.connection();
          Statement s = c.createStatement()) {
        s.execute(
            "TRUNCATE slots, blocks, transactions, token_balances, account_updates, accounts");
      }
      assertThat(PersisterMain.run(new String[] {"reset-offsets", "--to-earliest"}, env))
          .isEqualTo(0);
      assertThat(kafka.remaining(group)).isEqualTo(kafka.produced());
      try (PersisterService service = InProcessPersister.start(env)) {
        kafka.awaitCaughtUp(group, Duration.ofMinutes(3));
        // While members are active the tool refuses: they would overwrite the reset.
        assertThat(PersisterMain.run(new String[] {"reset-offsets", "--to-latest"}, env))
            .isEqualTo(1);
      }
      try (Connection c = db.connection()) {
        TableRows.assertExactly(c, fixture);
        assertThat(TreeSnapshot.of(c, fixture)).isEqualTo(first);
      }
    }
  }

  @Test
  void poisonRecordsGoToTheDeadLetterTopicWithHeadersAndEverythingElseIsWritten() throws Exception {
    String prefix = UniqueNames.of("poison");
    String group = UniqueNames.of("persister");
    PipelineSupport kafka = new PipelineSupport(SharedKafka.bootstrapServers(), prefix);
    EventFixture fixture = EventFixture.generate(7, 200, 1000, 200, 5);
    List<EventFixture.Sent> records = new ArrayList<>(fixture.records);
    int middle = records.size() / 2;
    records.add(
        middle,
        new EventFixture.Sent("transactions", "garbage", new byte[] {(byte) 0xff, 1, 2, 3}));
    records.add(
        middle,
        new EventFixture.Sent(
            "slots",
            "1",
            EventRecord.newBuilder()
                .setSlotStatus(
                    SlotStatusEvent.newBuilder()
                        .setSlot(1)
                        .setStatus(SlotStatus.SLOT_STATUS_PROCESSED))
                .build()
                .toByteArray()));
    records.add(
        middle,
        new EventFixture.Sent(
            "blocks",
            "2",
            EventRecord.newBuilder()
                .setSchemaVersion(2)
                .setBlockMeta(BlockMetaEvent.newBuilder().setSlot(2).setBlockhash("future"))
                .build()
                .toByteArray()));
    // Decodes fine, but slot 2^63 does not fit the schema (CHECK slot >= 0): only PostgreSQL
    // knows, so the writer must isolate it inside an otherwise good poll.
    records.add(
        middle,
        new EventFixture.Sent(
            "accounts",
            "TooFar",
            EventRecord.newBuilder()
                .setSchemaVersion(1)
                .setAccountUpdate(
                    AccountUpdateEvent.newBuilder()
                        .setPubkey("TooFar")
                        .setSlot(Long.MIN_VALUE)
                        .setWriteVersion(1)
                        .setOwner("System1111"))
                .build()
                .toByteArray()));
    kafka.createTopics();
    kafka.produce(records);

    try (TestDatabase db = SharedPostgres.createDatabase("persister_poison")) {
      Map<String, String> env = settings(db, db.jdbcUrl(), prefix, group);
      env.put("METRICS_PORT", "-1");
      try (PersisterService service = InProcessPersister.start(env)) {
        kafka.awaitCaughtUp(group, Duration.ofMinutes(2));
        assertThat(service.registry().find("persister.dlq").counters())
            .extracting(c -> c.getId().getTag("reason") + "=" + (long) c.count())
            .containsExactlyInAnyOrder("undecodable=1", "schema_version=2", "rejected=1");
      }
      try (Connection c = db.connection()) {
        TableRows.assertExactly(c, fixture);
      }
    }

    Map<String, List<ConsumerRecord<byte[], byte[]>>> letters = readDeadLetters(prefix, 4);
    assertThat(letters.keySet())
        .containsExactlyInAnyOrder(
            prefix + ".transactions.dlq",
            prefix + ".slots.dlq",
            prefix + ".blocks.dlq",
            prefix + ".accounts.dlq");
    for (List<ConsumerRecord<byte[], byte[]>> topicLetters : letters.values()) {
      assertThat(topicLetters).hasSize(1);
      ConsumerRecord<byte[], byte[]> letter = topicLetters.get(0);
      String source = header(letter, DeadLetterPublisher.SOURCE_TOPIC);
      assertThat(letter.topic()).isEqualTo(source + ".dlq");
      assertThat(header(letter, DeadLetterPublisher.SOURCE_PARTITION)).matches("[0-2]");
      assertThat(header(letter, DeadLetterPublisher.SOURCE_OFFSET)).matches("\\d+");
      assertThat(header(letter, DeadLetterPublisher.ERROR_CLASS)).isNotBlank();
      assertThat(header(letter, DeadLetterPublisher.ERROR_MESSAGE)).isNotBlank();
    }
    ConsumerRecord<byte[], byte[]> tooFar = letters.get(prefix + ".accounts.dlq").get(0);
    assertThat(new String(tooFar.key(), StandardCharsets.UTF_8)).isEqualTo("TooFar");
    assertThat(header(tooFar, DeadLetterPublisher.ERROR_MESSAGE)).contains("check constraint");
    assertThat(header(tooFar, DeadLetterPublisher.ERROR_REASON)).isEqualTo("rejected");
    assertThat(header(letters.get(prefix + ".slots.dlq").get(0), DeadLetterPublisher.ERROR_MESSAGE))
        .contains("schema_version 0");
    assertThat(
            header(letters.get(prefix + ".blocks.dlq").get(0), DeadLetterPublisher.ERROR_MESSAGE))
        .contains("schema_version 2");
    assertThat(letters.get(prefix + ".transactions.dlq").get(0).value())
        .containsExactly((byte) 0xff, 1, 2, 3);
  }

  @Test
  void databaseUnreachableForTenSecondsIsRetriedWithoutLossOrEarlyCommit() throws Exception {
    String prefix = UniqueNames.of("dbcut");
    String group = UniqueNames.of("persister");
    PipelineSupport kafka = new PipelineSupport(SharedKafka.bootstrapServers(), prefix);
    EventFixture fixture = EventFixture.generate(11, 1000, 8000, 1500, 6);
    kafka.createTopics();
    kafka.produce(fixture.records);

    try (TestDatabase db = SharedPostgres.createDatabase("persister_dbcut");
        TcpProxy proxy = TcpProxy.start(db.host(), db.port())) {
      Map<String, String> env =
          settings(db, db.jdbcUrlVia(proxy.host(), proxy.port()), prefix, group);
      env.put("METRICS_PORT", "-1");
      env.put("PERSISTER_THREADS", "2");
      env.put("RETRY_INITIAL_MS", "100");
      env.put("RETRY_MAX_MS", "2000");
      try (PersisterService service = InProcessPersister.start(env)) {
        await().atMost(Duration.ofMinutes(1)).until(() -> count(db, "account_updates") > 0);
        proxy.cut();
        await("writes fail and are retried")
            .atMost(Duration.ofSeconds(20))
            .until(() -> service.registry().get("persister.retries").counter().count() >= 2);
        long stuck = kafka.remaining(group);
        assertThat(stuck).isPositive();
        // The database stays unreachable for 10 s in all; no offset may move meanwhile.
        await("no offset is committed while the database is unreachable")
            .during(Duration.ofSeconds(9))
            .atMost(Duration.ofSeconds(12))
            .until(() -> kafka.remaining(group) == stuck);
        proxy.restore();
        kafka.awaitCaughtUp(group, Duration.ofMinutes(2));
        assertThat(service.registry().get("persister.retries").counter().count()).isGreaterThan(2);
      }
      try (Connection c = db.connection()) {
        TableRows.assertExactly(c, fixture);
      }
    }
  }

  @Test
  void connectionsTheDatabaseGrantsAfterAnOutageAreTakenWithoutWaitingOutTheBackoff()
      throws Exception {
    String prefix = UniqueNames.of("poolwait");
    String group = UniqueNames.of("persister");
    PipelineSupport kafka = new PipelineSupport(SharedKafka.bootstrapServers(), prefix);
    EventFixture fixture = EventFixture.generate(13, 200, 1_000, 300, 3);
    kafka.createTopics();
    kafka.produce(fixture.records);

    try (TestDatabase db = SharedPostgres.createDatabase("persister_poolwait");
        TcpProxy proxy = TcpProxy.start(db.host(), db.port())) {
      SchemaMigrator.migrate(
          InProcessPersister.config(settings(db, db.jdbcUrl(), prefix, group)).database());
      proxy.cut();
      Map<String, String> env =
          settings(db, db.jdbcUrlVia(proxy.host(), proxy.port()), prefix, group);
      env.put("RUN_MIGRATIONS", "false");
      env.put("PERSISTER_THREADS", "2");
      // A backoff far longer than the test may wait: only a retry without it can pass.
      env.put("RETRY_INITIAL_MS", "300000");
      env.put("RETRY_MAX_MS", "300000");
      try (PersisterService service = InProcessPersister.start(env)) {
        await("the pool's connection timeout ends a write attempt")
            .atMost(Duration.ofSeconds(30))
            .until(() -> service.registry().get("persister.retries").counter().count() >= 1);
        assertThat(kafka.remaining(group)).isEqualTo(kafka.produced());
        proxy.restore();
        kafka.awaitCaughtUp(group, Duration.ofSeconds(60));
      }
      try (Connection c = db.connection()) {
        TableRows.assertExactly(c, fixture);
      }
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
    Header header = record.headers().lastHeader(key);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static Map<String, List<ConsumerRecord<byte[], byte[]>>> readDeadLetters(
      String prefix, int expected) {
    Properties props = new Properties();
    props.put("bootstrap.servers", SharedKafka.bootstrapServers());
    props.put("group.id", UniqueNames.of("dlq-reader"));
    props.put("auto.offset.reset", "earliest");
    props.put("key.deserializer", ByteArrayDeserializer.class.getName());
    props.put("value.deserializer", ByteArrayDeserializer.class.getName());
    Map<String, List<ConsumerRecord<byte[], byte[]>>> out = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(
          PipelineSupport.KINDS.stream().map(k -> prefix + "." + k + ".dlq").toList());
      await("dead letters arrive")
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(r -> out.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r));
                return out.values().stream().mapToInt(List::size).sum() >= expected;
              });
    }
    return out;
  }
}
