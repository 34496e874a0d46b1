package io.geyserindexer.persister.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.geyserindexer.testkit.SharedKafka;
import io.geyserindexer.testkit.SharedPostgres;
import io.geyserindexer.testkit.TestDatabase;
import io.geyserindexer.testkit.UniqueNames;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar as separate processes: killed with SIGKILL at random moments and restarted, and
 * two processes sharing one group. Both end with SIGTERM, which must exit 0.
 */
class PersisterProcessIT {

  private static final Path JAR = Path.of("target", "persister.jar");

  private static Process launch(
      TestDatabase db, String prefix, String group, String name, Map<String, String> extra)
      throws Exception {
    assertThat(JAR).exists();
    Path logs = Files.createDirectories(Path.of("target", "it-logs"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString());
    Map<String, String> env = builder.environment();
    env.putAll(PersisterEnvironment.of(db, db.jdbcUrl(), prefix, group));
    env.put("MAX_POLL_RECORDS", "50");
    env.put("METRICS_PORT", "-1");
    env.put("KAFKA_CONSUMER_HEARTBEAT_INTERVAL_MS", "1000");
    env.putAll(extra);
    File log = logs.resolve(prefix + "-" + name + ".log").toFile();
    return builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
        .start();
  }

  private static void sigtermAndExpectZero(Process process) throws Exception {
    process.destroy(); // SIGTERM on Linux
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stops after SIGTERM").isTrue();
    assertThat(process.exitValue()).as("exit code after SIGTERM").isZero();
  }

  @Test
  void killedFiveTimesAtRandomMomentsStillGivesExactRows() throws Exception {
    String prefix = UniqueNames.of("kill");
    String group = UniqueNames.of("persister");
    PipelineSupport kafka = new PipelineSupport(SharedKafka.bootstrapServers(), prefix);
    EventFixture fixture = EventFixture.generate(13, 1500, 12_000, 2000, 6);
    kafka.createTopics();
    kafka.produce(fixture.records);
    long total = kafka.remaining(group);
    Random random = new Random();
    List<Double> moments = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      moments.add(0.1 + 0.8 * random.nextDouble());
    }
    moments.sort((a, b) -> Double.compare(b, a));
    // Static membership: a restarted process takes its partitions back at once, instead of
    // waiting for the killed member's session to expire.
    Map<String, String> extra = Map.of("KAFKA_CONSUMER_GROUP_INSTANCE_ID", "kill-test");

    try (TestDatabase db = SharedPostgres.createDatabase("persister_kill")) {
      for (int run = 0; run < moments.size(); run++) {
        long threshold = (long) (total * moments.get(run));
        Process process = launch(db, prefix, group, "run" + run, extra);
        try {
          await("run " + run + " commits down to " + threshold + " remaining")
              .atMost(Duration.ofMinutes(2))
              .pollInterval(Duration.ofMillis(20))
              .until(() -> kafka.remaining(group) <= threshold || !process.isAlive());
          assertThat(process.isAlive()).as("persister still running at the kill moment").isTrue();
        } finally {
          process.destroyForcibly(); // SIGKILL
          process.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(process.exitValue()).isEqualTo(137);
      }
      Process last = launch(db, prefix, group, "final", extra);
      try {
        kafka.awaitCaughtUp(group, Duration.ofMinutes(3));
        sigtermAndExpectZero(last);
      } finally {
        last.destroyForcibly();
      }
      try (Connection c = db.connection()) {
        TableRows.assertExactly(c, fixture);
      }
    }
  }

  @Test
  void twoProcessesInOneGroupShareThePartitionsAndWriteExactRows() throws Exception {
    String prefix = UniqueNames.of("two");
    String group = UniqueNames.of("persister");
    PipelineSupport kafka = new PipelineSupport(SharedKafka.bootstrapServers(), prefix);
    EventFixture fixture = EventFixture.generate(17, 1500, 12_000, 2000, 6);
    kafka.createTopics();
    kafka.produce(fixture.records);

    try (TestDatabase db = SharedPostgres.createDatabase("persister_two")) {
      Process a = launch(db, prefix, group, "a", Map.of());
      Process b = launch(db, prefix, group, "b", Map.of());
      try {
        kafka.awaitCaughtUp(group, Duration.ofMinutes(3));
        try (Admin admin = kafka.admin()) {
          await("both processes own partitions")
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> {
                    ConsumerGroupDescription description =
                        admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                    return description.members().size() == 2
                        && description.members().stream()
                            .allMatch(m -> !m.assignment().topicPartitions().isEmpty());
                  });
        }
        sigtermAndExpectZero(a);
        sigtermAndExpectZero(b);
      } finally {
        a.destroyForcibly();
        b.destroyForcibly();
      }
      try (Connection c = db.connection()) {
        TableRows.assertExactly(c, fixture);
      }
    }
  }
}
