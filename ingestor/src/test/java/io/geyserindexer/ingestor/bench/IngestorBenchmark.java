package io.geyserindexer.ingestor.bench;

import io.geyserindexer.ingestor.IngestorPipeline;
import io.geyserindexer.ingestor.testing.IngestorHarness;
import io.geyserindexer.ingestor.testing.ScriptedGeyserServer;
import io.geyserindexer.ingestor.testing.ScriptedUpdates;
import io.geyserindexer.testkit.EmbeddedKafkaBroker;
import io.geyserindexer.testkit.UniqueNames;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Not a test: {@code main} measures events/s from a loopback Geyser server through the ingestor
 * into a real in-process Kafka broker, then runs Kafka's own ProducerPerformance on the same broker
 * with the same record size and producer settings, and prints both and their ratio.
 *
 * <p>Run: {@code mvn -pl ingestor test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * -Dmdep.includeScope=test} then {@code java -cp target/test-classes:target/classes:$(cat cp.txt)
 * io.geyserindexer.ingestor.bench.IngestorBenchmark [events]}.
 */
public final class IngestorBenchmark {

  private IngestorBenchmark() {}

  public static void main(String[] args) throws Exception {
    int perSlot = 500;
    int slots = args.length > 0 ? Integer.parseInt(args[0]) / (perSlot + 2) : 400;
    List<ScriptedUpdates.Item> script = ScriptedUpdates.slots(1_000_000, slots, perSlot);
    long events = script.size();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        ScriptedGeyserServer server = new ScriptedGeyserServer(script, null, 10_000)) {
      String prefix = UniqueNames.of("bench");
      long startNanos;
      long valueBytes;
      try (IngestorPipeline pipeline =
          IngestorHarness.start(
              IngestorHarness.config(server.endpoint(), broker.bootstrapServers(), prefix))) {
        // Time from the first update to the last acknowledgement (topic creation excluded).
        while (pipeline.metrics().total("ingestor.updates.received") == 0) {
          TimeUnit.MILLISECONDS.sleep(1);
        }
        startNanos = System.nanoTime();
        while (pipeline.metrics().total("ingestor.produce.acknowledged") < events) {
          TimeUnit.MILLISECONDS.sleep(5);
          if (pipeline.fatal().isRaised()) {
            throw new IllegalStateException(pipeline.fatal().reason());
          }
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        pipeline.stop();
        valueBytes = averageValueBytes(script, prefix);
        double rate = events / seconds;
        System.out.printf(
            "INGESTOR: %d events in %.2f s = %.0f events/s (avg value %d bytes)%n",
            events, seconds, rate, valueBytes);

        String topic = prefix + ".perf";
        long perfStart = System.nanoTime();
        ProducerPerformance.main(
            new String[] {
              "--topic",
              topic,
              "--num-records",
              String.valueOf(events),
              "--record-size",
              String.valueOf(valueBytes),
              "--throughput",
              "-1",
              "--producer-props",
              "bootstrap.servers=" + broker.bootstrapServers(),
              "acks=all",
              "enable.idempotence=true",
              "compression.type=lz4",
              "linger.ms=5",
              "batch.size=262144",
              "max.in.flight.requests.per.connection=5"
            });
        double perfSeconds = (System.nanoTime() - perfStart) / 1e9;
        double perfRate = events / perfSeconds;
        System.out.printf(
            "PRODUCER-PERFORMANCE: %d records of %d bytes in %.2f s (wall, incl. client start) ="
                + " %.0f records/s%n",
            events, valueBytes, perfSeconds, perfRate);
        System.out.printf("RATIO ingestor / ProducerPerformance (wall): %.2f%n", rate / perfRate);
      }
    }
  }

  /** The mean serialized EventRecord size of the script, the record size given to the baseline. */
  private static long averageValueBytes(List<ScriptedUpdates.Item> script, String prefix)
      throws Exception {
    io.geyserindexer.ingestor.parse.GeyserUpdateParser parser =
        new io.geyserindexer.ingestor.parse.GeyserUpdateParser();
    long total = 0;
    for (ScriptedUpdates.Item item : script) {
      total +=
          parser
              .parse(
                  io.geyserindexer.proto.geyser.SubscribeUpdate.parseFrom(item.bytes()),
                  com.google.protobuf.Timestamp.getDefaultInstance())
              .value()
              .length;
    }
    return total / script.size();
  }
}
