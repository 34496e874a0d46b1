package io.geyserindexer.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.geyserindexer.ingestor.testing.IngestorHarness;
import io.geyserindexer.ingestor.testing.ScriptedGeyserServer;
import io.geyserindexer.ingestor.testing.ScriptedUpdates;
import io.geyserindexer.ingestor.testing.TopicRecords;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.geyserindexer.testkit.SharedKafka;
import io.geyserindexer.testkit.UniqueNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a child process ({@code java -jar target/ingestor.jar}) against the scripted
 * Geyser server and the shared broker: SIGTERM drains and exits 0, a send Kafka refuses for good
 * exits 1 with a clear reason, /metrics and /health answer, and producer properties come from the
 * config file.
 */
class IngestorProcessIT {

  private static final Path JAR = Path.of("target", "ingestor.jar").toAbsolutePath();
  private static final String TOKEN = "process-secret-token";
  private static final Pattern METRICS_PORT = Pattern.compile("Metrics at http://[^:]+:(\\d+)/");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String bootstrap = SharedKafka.bootstrapServers();

  private static Process start(Map<String, String> env, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(java, "-Xmx256m", "-jar", JAR.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("GEYSER_"));
    builder.environment().putAll(env);
    return builder.start();
  }

  private Map<String, String> env(ScriptedGeyserServer server, String prefix) {
    Map<String, String> env = new HashMap<>();
    env.put("GEYSER_ENDPOINT", server.endpoint());
    env.put("GEYSER_X_TOKEN", TOKEN);
    env.put("GEYSER_SUBSCRIBE", IngestorHarness.ALL_STREAMS);
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    env.put("TOPIC_PREFIX", prefix);
    env.put("TOPIC_PARTITIONS", "3");
    env.put("METRICS_PORT", "0");
    return env;
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Sum of a Prometheus counter family, leaving out the given kinds. */
  private static double sum(String metrics, String family, String... exceptKinds) {
    double total = 0;
    for (String line : metrics.lines().toList()) {
      if (line.startsWith(family + "{")
          && List.of(exceptKinds).stream().noneMatch(k -> line.contains("kind=\"" + k + "\""))) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  @Test
  void sigtermDrainsEveryEventReadAndExitsZeroWhileMetricsAndHealthAnswer(@TempDir Path dir)
      throws Exception {
    List<ScriptedUpdates.Item> script = ScriptedUpdates.slots(40_000, 20, 50);
    int eventsRead = 600;
    String prefix = UniqueNames.of("sigterm");
    Path log = dir.resolve("ingestor.log");
    // Producer settings from the config file: a 10 s linger keeps what was read unsent until the
    // drain's flush, so the test proves the drain rather than racing a fast broker.
    Path configFile = dir.resolve("ingestor.properties");
    Files.writeString(configFile, "KAFKA_PRODUCER_LINGER_MS=10000\nQUEUE_CAPACITY=2000\n");
    try (ScriptedGeyserServer server = new ScriptedGeyserServer(script, TOKEN, 200)) {
      server.holdNextStreamAfter(eventsRead);
      Map<String, String> env = env(server, prefix);
      env.put("CONFIG_FILE", configFile.toString());
      Process process = start(env, log);
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> METRICS_PORT.matcher(read(log)).find());
        Matcher port = METRICS_PORT.matcher(read(log));
        assertThat(port.find()).isTrue();
        int metricsPort = Integer.parseInt(port.group(1));

        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    sum(
                            get(metricsPort, "/metrics").body(),
                            "ingestor_updates_received_total",
                            "ping",
                            "pong")
                        >= eventsRead);
        assertThat(server.sent()).isEqualTo(eventsRead);

        HttpResponse<String> health = get(metricsPort, "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body())
            .contains("\"status\":\"UP\"")
            .contains("\"streamConnected\":true")
            .containsPattern("\"lastUpdateAgeSeconds\":[0-9.]+");
        String metrics = get(metricsPort, "/metrics").body();
        assertThat(metrics)
            .contains(
                "ingestor_updates_received_total{",
                "ingestor_parse_failures_total{",
                "ingestor_queue_depth ",
                "ingestor_queue_capacity 2000.0",
                "ingestor_queue_full_seconds_total ",
                "ingestor_events_dropped_total{",
                "ingestor_produce_acknowledged_total{",
                "ingestor_produce_latency_seconds",
                "ingestor_produce_errors_total ",
                "ingestor_stream_reconnects_total ",
                "ingestor_gap_slots_total ",
                "ingestor_slot_last_seen ",
                "ingestor_slot_last_produced ",
                "ingestor_pings_answered_total ",
                "ingestor_stream_connected 1.0",
                "jvm_memory_used_bytes{area=\"heap\"",
                "jvm_gc_pause_seconds",
                "process_memory_rss_bytes ");
        // Nothing is acknowledged yet (linger): all of it must go out during the drain.
        assertThat(sum(metrics, "ingestor_produce_acknowledged_total")).isLessThan(eventsRead);

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited in time").isTrue();
        assertThat(process.exitValue()).as(read(log)).isZero();
      } finally {
        process.destroyForcibly();
      }
      List<String> topics = IngestorHarness.topics(prefix);
      assertThat(TopicRecords.count(bootstrap, topics)).isEqualTo(eventsRead);
      String output = read(log);
      assertThat(output)
          .contains("producer.linger.ms")
          .contains("Ingestor stopped (queue drained, producer flushed)")
          .doesNotContain(TOKEN);
    }
  }

  @Test
  void aSendKafkaRefusesForGoodEndsTheProcessWithExitCodeOneAndTheReason(@TempDir Path dir)
      throws Exception {
    String prefix = UniqueNames.of("refused");
    String accounts = prefix + ".accounts";
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin client = Admin.create(admin)) {
      // A topic someone created with a small max.message.bytes: the ingestor leaves it alone.
      client
          .createTopics(
              List.of(
                  new NewTopic(accounts, Optional.of(1), Optional.empty())
                      .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "4000"))))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    List<ScriptedUpdates.Item> script = new ArrayList<>(ScriptedUpdates.slots(50_000, 3, 8));
    SubscribeUpdate small = ScriptedUpdates.account(50_001, 1);
    SubscribeUpdate large =
        small.toBuilder()
            .setAccount(
                small.getAccount().toBuilder()
                    .setAccount(
                        small.getAccount().getAccount().toBuilder()
                            .setData(ByteString.copyFrom(new byte[20_000]))))
            .build();
    script.add(12, new ScriptedUpdates.Item(50_001, large.toByteArray()));
    Path log = dir.resolve("ingestor.log");
    try (ScriptedGeyserServer server = new ScriptedGeyserServer(script, TOKEN, 200)) {
      Map<String, String> env = env(server, prefix);
      // Compression would shrink the zero-filled data below the limit.
      env.put("KAFKA_PRODUCER_COMPRESSION_TYPE", "none");
      Process process = start(env, log);
      try {
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("exited in time").isTrue();
        assertThat(process.exitValue()).as(read(log)).isEqualTo(1);
      } finally {
        process.destroyForcibly();
      }
    }
    String output = read(log);
    assertThat(output)
        .containsPattern(
            "FATAL: Kafka did not accept an event for "
                + Pattern.quote(accounts)
                + " \\(slot 50001\\) after the producer's retries: .*RecordTooLarge")
        .doesNotContain(TOKEN);
  }
}
