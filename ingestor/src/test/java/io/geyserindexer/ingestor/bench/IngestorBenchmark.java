package io.geyserindexer.ingestor.bench;

import com.google.protobuf.Timestamp;
import io.geyserindexer.ingestor.IngestorPipeline;
import io.geyserindexer.ingestor.config.IngestorConfig;
import io.geyserindexer.ingestor.parse.GeyserUpdateParser;
import io.geyserindexer.ingestor.publish.ProducerSettings;
import io.geyserindexer.ingestor.testing.IngestorHarness;
import io.geyserindexer.ingestor.testing.ScriptedGeyserServer;
import io.geyserindexer.ingestor.testing.ScriptedUpdates;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.geyserindexer.testkit.EmbeddedKafkaBroker;
import io.geyserindexer.testkit.UniqueNames;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Not a test: {@code main} measures events/s from a loopback Geyser server through the ingestor
 * into a real in-process Kafka broker, then runs Kafka's own ProducerPerformance on the same broker
 * with the same record size and the very producer properties the ingestor used, and prints both and
 * their ratio.
 *
 * <p>Both sides run twice in the same JVM and the second run counts, so neither is measured while
 * the JIT is still compiling (the first version measured the ingestor cold and ProducerPerformance
 * warm). Besides wall-clock rates it prints the process CPU time per event of each side: on a
 * shared machine that figure moves much less with other load than the rates do. The baseline topic
 * has as many partitions as the ingestor writes to, so both see the same batching.
 *
 * <p>Run: {@code mvn -pl ingestor test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * -Dmdep.includeScope=test} then {@code java -cp target/test-classes:target/classes:$(cat cp.txt)
 * io.geyserindexer.ingestor.bench.IngestorBenchmark [events [ingestor flags...]]}, e.g. {@code
 * 200000 -P linger.ms=20}.
 */
public final class IngestorBenchmark {

  /** Partitions per topic, as IngestorHarness creates them. */
  private static final int PARTITIONS = 3;

  /** Runs per side; the last one counts, the ones before warm the JIT up. */
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 2);

  private IngestorBenchmark() {}

  /** Wall time, process CPU time and its split by thread group of one measured run. */
  private record Run(
      long events,
      double seconds,
      double cpuSeconds,
      Map<String, Long> cpuByGroup,
      long endMillis) {
    double rate() {
      return events / seconds;
    }

    double cpuMicrosPerEvent() {
      return cpuSeconds * 1e6 / events;
    }

    /**
     * Without the JIT compiler's threads: a JVM this size (broker, gRPC, Kafka clients) is still
     * compiling after several 200k-event rounds, which a long-running process is not.
     */
    double warmCpuMicrosPerEvent() {
      return cpuMicrosPerEvent() - cpuByGroup.get(ThreadCpuBreakdown.JIT) / 1e3 / events;
    }
  }

  public static void main(String[] args) throws Exception {
    int perSlot = 500;
    int slots = args.length > 0 ? Integer.parseInt(args[0]) / (perSlot + 2) : 400;
    String[] flags = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[0];
    List<ScriptedUpdates.Item> script = ScriptedUpdates.slots(1_000_000, slots, perSlot);
    long valueBytes = averageValueBytes(script);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      String bootstrap = broker.bootstrapServers();
      IngestorConfig config = config("http://127.0.0.1:1", bootstrap, "unused", flags);
      Run ingestor = null;
      for (int round = 1; round <= ROUNDS; round++) {
        ingestor = ingest(script, bootstrap, flags);
        System.out.printf(
            "%s INGESTOR: %d events in %.2f s = %.0f events/s, %.1f us CPU/event (avg value %d"
                + " bytes)%n",
            round < ROUNDS ? "warm-up" : "measured",
            ingestor.events(),
            ingestor.seconds(),
            ingestor.rate(),
            ingestor.cpuMicrosPerEvent(),
            valueBytes);
        printBreakdown("INGESTOR", ingestor);
      }
      Properties producer = ProducerSettings.of(config.kafka(), "perf-producer");
      int partitions = PARTITIONS * IngestorHarness.topics("x").size();
      Run baseline = null;
      for (int round = 1; round <= ROUNDS; round++) {
        baseline = producerPerformance(bootstrap, producer, script.size(), valueBytes, partitions);
        System.out.printf(
            "%s PRODUCER-PERFORMANCE: %d records of %d bytes to %d partitions in %.2f s (wall, incl."
                + " client start) = %.0f records/s, %.1f us CPU/record%n",
            round < ROUNDS ? "warm-up" : "measured",
            baseline.events(),
            valueBytes,
            partitions,
            baseline.seconds(),
            baseline.rate(),
            baseline.cpuMicrosPerEvent());
        printBreakdown("PRODUCER-PERFORMANCE", baseline);
      }
      System.out.printf(
          "RATIO ingestor / ProducerPerformance (wall): %.2f; CPU per event ingestor /"
              + " ProducerPerformance: %.2f (without JIT threads: %.1f / %.1f us = %.2f)%n",
          ingestor.rate() / baseline.rate(),
          ingestor.cpuMicrosPerEvent() / baseline.cpuMicrosPerEvent(),
          ingestor.warmCpuMicrosPerEvent(),
          baseline.warmCpuMicrosPerEvent(),
          ingestor.warmCpuMicrosPerEvent() / baseline.warmCpuMicrosPerEvent());
      System.out.println("producer settings: " + new java.util.TreeMap<>(producer));
    }
  }

  private static IngestorConfig config(
      String endpoint, String bootstrap, String prefix, String[] flags) {
    return IngestorHarness.config(endpoint, bootstrap, prefix, flags);
  }

  /** One pass of the script through a fresh server and pipeline, onto fresh topics. */
  private static Run ingest(List<ScriptedUpdates.Item> script, String bootstrap, String[] flags)
      throws Exception {
    long events = script.size();
    String prefix = UniqueNames.of("bench");
    try (ScriptedGeyserServer server = new ScriptedGeyserServer(script, null, 10_000)) {
      IngestorConfig config = config(server.endpoint(), bootstrap, prefix, flags);
      server.silenceNextStreamAfter(0);
      try (IngestorPipeline pipeline = IngestorHarness.start(config)) {
        // Topics exist and the stream is open before the clock starts.
        while (server.activeStreams() == 0) {
          TimeUnit.MILLISECONDS.sleep(1);
        }
        ThreadCpuBreakdown breakdown = ThreadCpuBreakdown.start();
        long cpuStart = processCpuNanos();
        long startNanos = System.nanoTime();
        server.resumeSilentStreams();
        while (pipeline.metrics().total("ingestor.produce.acknowledged") < events) {
          TimeUnit.MILLISECONDS.sleep(2);
          if (pipeline.fatal().isRaised()) {
            throw new IllegalStateException(pipeline.fatal().reason());
          }
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double cpu = (processCpuNanos() - cpuStart) / 1e9;
        Map<String, Long> byGroup = breakdown.end();
        pipeline.stop();
        return new Run(events, seconds, cpu, byGroup, System.currentTimeMillis());
      }
    }
  }

  private static Run producerPerformance(
      String bootstrap, Properties producer, long records, long valueBytes, int partitions)
      throws Exception {
    String topic = UniqueNames.of("perf");
    Properties adminProps = new Properties();
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(adminProps)) {
      admin
          .createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
          .all()
          .get(30, TimeUnit.SECONDS);
      // Producing before every partition's leader serves it sends the idempotent producer into
      // NotLeaderOrFollower retries and out-of-order sequence errors (as KafkaTopicCreator notes).
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < partitions; p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      while (true) {
        try {
          admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
          break;
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof RetriableException)) {
            throw e;
          }
          TimeUnit.MILLISECONDS.sleep(50);
        }
      }
    }
    List<String> argv =
        new ArrayList<>(
            List.of(
                "--topic",
                topic,
                "--num-records",
                String.valueOf(records),
                "--record-size",
                String.valueOf(valueBytes),
                "--throughput",
                "-1",
                "--producer-props"));
    for (Map.Entry<Object, Object> e : producer.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (!key.equals(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG)
          && !key.equals(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)) {
        argv.add(key + "=" + e.getValue());
      }
    }
    ThreadCpuBreakdown breakdown = ThreadCpuBreakdown.start();
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    ProducerPerformance.main(argv.toArray(String[]::new));
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Run(
        records,
        seconds,
        (processCpuNanos() - cpuStart) / 1e9,
        breakdown.end(),
        System.currentTimeMillis());
  }

  /** CPU per event of each thread group of the measured run, one line each. */
  private static void printBreakdown(String side, Run run) {
    // The window in wall-clock time, to cut a JFR recording of the whole run down to this round.
    System.out.printf(
        "  %s window epoch ms %d-%d%n",
        side, run.endMillis() - (long) (run.seconds() * 1e3), run.endMillis());
    run.cpuByGroup()
        .forEach(
            (group, nanos) -> {
              if (nanos != 0) {
                System.out.printf(
                    "  %s CPU us/event %-45s %6.2f%n", side, group, nanos / 1e3 / run.events());
              }
            });
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The mean serialized EventRecord size of the script, the record size given to the baseline. */
  private static long averageValueBytes(List<ScriptedUpdates.Item> script) throws Exception {
    GeyserUpdateParser parser = new GeyserUpdateParser();
    long total = 0;
    for (ScriptedUpdates.Item item : script) {
      total +=
          parser
              .parse(SubscribeUpdate.parseFrom(item.bytes()), Timestamp.getDefaultInstance())
              .value()
              .length;
    }
    return total / script.size();
  }
}
