package io.geyserindexer.persister.bench;

import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.geyserindexer.persister.PersisterService;
import io.geyserindexer.persister.config.PersisterConfig;
import io.geyserindexer.persister.config.PersisterOptions;
import io.geyserindexer.proto.events.AccountUpdateEvent;
import io.geyserindexer.proto.events.EventRecord;
import io.geyserindexer.runtime.config.EnvironmentDefaultProvider;
import io.geyserindexer.testkit.SharedKafka;
import io.geyserindexer.testkit.SharedPostgres;
import io.geyserindexer.testkit.TestDatabase;
import io.geyserindexer.testkit.UniqueNames;
import io.micrometer.core.instrument.Counter;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Persister throughput from a pre-filled accounts topic (4 partitions) at max.poll.records 50, 500
 * and 5000 with 1 and 4 consumer threads, beside psql {@code \copy} of the same rows into the same
 * tables on the same server. Not a test: run it with
 *
 * <pre>
 * mvn -q -pl persister test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.geyserindexer.persister.bench.PersisterThroughputBenchmark \
 *   -Dexec.args="100000 3"
 * </pre>
 *
 * Each event is one account write with its own pubkey, so it yields one account_updates row and one
 * accounts row; rows/s counts both. Each cell is the median of the runs. Kafka is the shared test
 * broker (in this JVM unless KAFKA_BOOTSTRAP_SERVERS is set), so it competes for the same cores.
 */
public final class PersisterThroughputBenchmark {

  private static final int PARTITIONS = 4;
  private static final int DATA_BYTES = 165;

  @Command(name = "bench")
  static final class Holder {
    @Mixin PersisterOptions options = new PersisterOptions();
  }

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String bootstrap = SharedKafka.bootstrapServers();
    String prefix = UniqueNames.of("bench");
    List<AccountUpdateEvent> updates = generate(events);
    prefill(bootstrap, prefix, updates);
    StringBuilder table = new StringBuilder();
    table.append(String.format("%n%-22s %8s %12s %10s%n", "case", "threads", "rows/s", "vs COPY"));
    try (TestDatabase db = SharedPostgres.createDatabase("persister_bench")) {
      List<Double> copy = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        copy.add(psqlCopy(db, updates));
      }
      double copyRate = median(copy);
      table.append(String.format("%-22s %8s %12.0f %10s%n", "psql \\copy", "1", copyRate, "1.00"));
      for (int maxPoll : new int[] {50, 500, 5000}) {
        for (int threads : new int[] {1, 4}) {
          List<Double> rates = new ArrayList<>();
          for (int run = 0; run < runs; run++) {
            rates.add(persist(db, bootstrap, prefix, maxPoll, threads, 2L * events));
          }
          double rate = median(rates);
          table.append(
              String.format(
                  "%-22s %8d %12.0f %10.2f%n",
                  "max.poll.records " + maxPoll, threads, rate, rate / copyRate));
          System.out.printf("max.poll.records %d threads %d runs %s%n", maxPoll, threads, rates);
        }
      }
    }
    System.out.printf(
        "%nPersister throughput, %d account-update events (%d rows), median of %d runs:%s",
        events, 2L * events, runs, table);
    System.exit(0);
  }

  private static List<AccountUpdateEvent> generate(int events) {
    Random random = new Random(1);
    List<AccountUpdateEvent> out = new ArrayList<>(events);
    for (int i = 0; i < events; i++) {
      byte[] data = new byte[DATA_BYTES];
      random.nextBytes(data);
      out.add(
          AccountUpdateEvent.newBuilder()
              .setPubkey("Bench" + i + "x" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36))
              .setSlot(300_000_000L + i / 1000)
              .setWriteVersion(1_000_000_000L + i)
              .setLamports(2_039_280L)
              .setOwner("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")
              .setRentEpoch(-1L)
              .setData(ByteString.copyFrom(data))
              .setTxnSignature(
                  "Sig" + i + "y" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36))
              .build());
    }
    return out;
  }

  private static void prefill(String bootstrap, String prefix, List<AccountUpdateEvent> updates)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin
          .createTopics(List.of(new NewTopic(prefix + ".accounts", PARTITIONS, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.put("acks", "all");
    props.put("enable.idempotence", "false");
    props.put("max.in.flight.requests.per.connection", "1");
    props.put("linger.ms", "5");
    props.put("key.serializer", ByteArraySerializer.class.getName());
    props.put("value.serializer", ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (AccountUpdateEvent update : updates) {
        EventRecord record =
            EventRecord.newBuilder().setSchemaVersion(1).setAccountUpdate(update).build();
        producer.send(
            new ProducerRecord<>(
                prefix + ".accounts",
                update.getPubkey().getBytes(StandardCharsets.UTF_8),
                record.toByteArray()));
      }
      producer.flush();
    }
  }

  /** One persister run from the beginning of the topic; rows/s between first and last commit. */
  private static double persist(
      TestDatabase db, String bootstrap, String prefix, int maxPoll, int threads, long rows)
      throws Exception {
    truncate(db);
    String group = UniqueNames.of("bench");
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", db.jdbcUrl());
    env.put("DATABASE_USER", db.user());
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    env.put("TOPIC_PREFIX", prefix);
    env.put("TOPICS", "accounts");
    env.put("PERSISTER_GROUP_ID", group);
    env.put("MAX_POLL_RECORDS", Integer.toString(maxPoll));
    env.put("PERSISTER_THREADS", Integer.toString(threads));
    env.put("METRICS_PORT", "-1");
    env.put("KAFKA_CONSUMER_MAX_PARTITION_FETCH_BYTES", "8388608");
    Holder holder = new Holder();
    CommandLine commandLine = new CommandLine(holder);
    commandLine.setDefaultValueProvider(new EnvironmentDefaultProvider(env, Map.of()));
    commandLine.parseArgs();
    PersisterConfig config = holder.options.load(env);
    try (PersisterService service = PersisterService.start(config)) {
      long[] first = new long[2];
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(5))
          .until(() -> (first[1] = rowsWritten(service)) > 0);
      first[0] = System.nanoTime();
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(5))
          .until(() -> rowsWritten(service) >= rows);
      long elapsed = System.nanoTime() - first[0];
      await().atMost(Duration.ofMinutes(1)).until(() -> remaining(bootstrap, prefix, group) == 0);
      return (rows - first[1]) / (elapsed / 1e9);
    }
  }

  private static long rowsWritten(PersisterService service) {
    return (long)
        service.registry().find("persister.rows").counters().stream()
            .mapToDouble(Counter::count)
            .sum();
  }

  private static long remaining(String bootstrap, String prefix, String group) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (int p = 0; p < PARTITIONS; p++) {
        request.put(new TopicPartition(prefix + ".accounts", p), OffsetSpec.latest());
      }
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      long left = 0;
      for (var end : admin.listOffsets(request).all().get().entrySet()) {
        OffsetAndMetadata done = committed.get(end.getKey());
        left += end.getValue().offset() - (done == null ? 0 : done.offset());
      }
      return left;
    }
  }

  /** psql \copy of the same rows (both tables) from CSV files; rows/s of the two copies. */
  private static double psqlCopy(TestDatabase db, List<AccountUpdateEvent> updates)
      throws Exception {
    truncate(db);
    Path history = Files.createTempFile("bench-account-updates", ".csv");
    Path latest = Files.createTempFile("bench-accounts", ".csv");
    HexFormat hex = HexFormat.of();
    try (BufferedWriter h = Files.newBufferedWriter(history);
        BufferedWriter l = Files.newBufferedWriter(latest)) {
      for (AccountUpdateEvent u : updates) {
        String common =
            String.join(
                ",",
                u.getPubkey(),
                Long.toString(u.getSlot()),
                Long.toString(u.getWriteVersion()),
                Long.toUnsignedString(u.getLamports()),
                u.getOwner(),
                Boolean.toString(u.getExecutable()),
                Long.toUnsignedString(u.getRentEpoch()),
                "\\x" + hex.formatHex(u.getData().toByteArray()),
                u.getTxnSignature());
        h.write(common + ",false\n");
        l.write(common + "\n");
      }
    }
    long start = System.nanoTime();
    psql(db, "\\copy account_updates FROM '" + history + "' WITH (FORMAT csv)");
    psql(db, "\\copy accounts FROM '" + latest + "' WITH (FORMAT csv)");
    double seconds = (System.nanoTime() - start) / 1e9;
    Files.delete(history);
    Files.delete(latest);
    return 2.0 * updates.size() / seconds;
  }

  private static void psql(TestDatabase db, String command) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            "psql",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            db.host(),
            "-p",
            Integer.toString(db.port()),
            "-U",
            db.user(),
            "-d",
            db.name(),
            "-c",
            command);
    if (db.password() != null) {
      builder.environment().put("PGPASSWORD", db.password());
    }
    Process process = builder.inheritIO().start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("psql failed: " + command);
    }
  }

  private static void truncate(TestDatabase db) throws Exception {
    try (Connection c = db.connection();
        Statement s = c.createStatement()) {
      // The first run creates the schema with the persister's own migrations.
      s.execute(
          "DO $$ BEGIN IF to_regclass('accounts') IS NOT NULL THEN"
              + " TRUNCATE account_updates, accounts; END IF; END $$");
      s.execute("VACUUM");
    }
    if (!tablesExist(db)) {
      io.geyserindexer.persister.schema.SchemaMigrator.migrate(
          new io.geyserindexer.persister.config.DatabaseSettings(
              db.jdbcUrl(), db.user(), db.password(), 1));
    }
  }

  private static boolean tablesExist(TestDatabase db) throws Exception {
    try (Connection c = db.connection();
        Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT to_regclass('accounts') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
