package io.geyserindexer.benchmarks;

import io.geyserindexer.testkit.FreePorts;
import io.geyserindexer.testkit.UniqueNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One measured run of the real persister jar over a filled topic prefix: records/s from the group's
 * committed offsets, counted from the first commit (so JVM start and migrations are not measured)
 * until everything is committed or the time limit ends the run.
 */
final class PersisterRun {

  /**
   * @param records records committed inside the measured window
   * @param seconds the window
   * @param committedTotal everything the group committed by the end (whose rows are in the tables)
   */
  record Result(long records, double seconds, long committedTotal) {
    double perSecond() {
      return seconds <= 0 ? 0 : records / seconds;
    }
  }

  /** How long the first commit may take (a 1 s round trip makes pool start-up slow). */
  private static final Duration STARTUP_LIMIT = Duration.ofMinutes(3);

  private PersisterRun() {}

  static Result run(
      Workspace ws,
      String prefix,
      String jdbcUrl,
      int maxPollRecords,
      int threads,
      boolean migrate,
      Duration window)
      throws Exception {
    String group = UniqueNames.of("bench-persister");
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", ws.kafka.bootstrapServers());
    env.put("TOPIC_PREFIX", prefix);
    env.put("PERSISTER_GROUP_ID", group);
    env.put("DATABASE_URL", jdbcUrl);
    env.put("DATABASE_USER", ws.database.user());
    env.put("MAX_POLL_RECORDS", String.valueOf(maxPollRecords));
    env.put("PERSISTER_THREADS", String.valueOf(threads));
    env.put("METRICS_PORT", String.valueOf(FreePorts.next()));
    env.put("RUN_MIGRATIONS", String.valueOf(migrate));
    try (GroupProgress progress = new GroupProgress(ws.kafka.bootstrapServers());
        JarProcess persister = JarProcess.start(ws.home, "persister", env, ws.logs, "512m")) {
      List<String> topics = progress.topicsWithPrefix(prefix);
      long total = progress.endOffsets(topics);
      long firstCommitted = -1;
      long firstNanos = 0;
      long lastCommitted = 0;
      long lastNanos = 0;
      // Start-up (JVM, pool, group join) is not measured: the window opens at the first commit.
      long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
      while (System.nanoTime() < deadline && lastCommitted < total) {
        TimeUnit.MILLISECONDS.sleep(250);
        if (!persister.isAlive()) {
          throw new IllegalStateException(persister.describeExit());
        }
        long committed = progress.committed(group, topics);
        long now = System.nanoTime();
        if (committed > 0 && firstCommitted < 0) {
          firstCommitted = committed;
          firstNanos = now;
          deadline = now + window.toNanos();
        }
        if (committed > lastCommitted) {
          lastCommitted = committed;
          lastNanos = now;
        }
      }
      if (firstCommitted < 0 || lastNanos == firstNanos) {
        return new Result(0, window.toSeconds(), Math.max(0, lastCommitted));
      }
      return new Result(
          lastCommitted - firstCommitted, (lastNanos - firstNanos) / 1e9, lastCommitted);
    }
  }
}
