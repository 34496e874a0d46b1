package io.geyserindexer.ingestor.bench;

import com.google.protobuf.Timestamp;
import io.geyserindexer.ingestor.parse.GeyserUpdateParser;
import io.geyserindexer.ingestor.parse.ParsedEvent;
import io.geyserindexer.ingestor.testing.ScriptedUpdates;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: {@code main} measures the CPU time one thread spends per event on the ingestor's own
 * per-event work, stage by stage, over IngestorBenchmark's script: decoding the received bytes,
 * building the event, serialising the record value. Thread CPU time of a single thread moves much
 * less with other load on a shared machine than IngestorBenchmark's process-wide figures, so small
 * changes to these stages show here first.
 *
 * <p>Run like IngestorBenchmark: {@code java -cp ... io.geyserindexer.ingestor.bench
 * .ParsePathBenchmark [events [rounds]]}.
 */
public final class ParsePathBenchmark {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ParsePathBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    int perSlot = 500;
    List<ScriptedUpdates.Item> script =
        ScriptedUpdates.slots(1_000_000, events / (perSlot + 2), perSlot);
    int n = script.size();
    GeyserUpdateParser parser = new GeyserUpdateParser();
    Timestamp now = Timestamp.newBuilder().setSeconds(1_700_000_000L).build();
    SubscribeUpdate[] updates = new SubscribeUpdate[n];
    ParsedEvent[] parsed = new ParsedEvent[n];
    double[][] micros = new double[3][rounds];
    long sink = 0;
    for (int round = 0; round < rounds; round++) {
      long t0 = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        updates[i] = GeyserUpdateParser.decode(script.get(i).bytes());
      }
      long t1 = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        parsed[i] = parser.parse(updates[i], now);
      }
      long t2 = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        sink += parsed[i].value().length;
      }
      long t3 = THREADS.getCurrentThreadCpuTime();
      micros[0][round] = (t1 - t0) / 1e3 / n;
      micros[1][round] = (t2 - t1) / 1e3 / n;
      micros[2][round] = (t3 - t2) / 1e3 / n;
    }
    // The first half of the rounds warms the JIT; the median of the rest counts.
    String[] stages = {"decode", "parse (build event)", "serialise value"};
    double total = 0;
    for (int s = 0; s < 3; s++) {
      double[] warm = Arrays.copyOfRange(micros[s], rounds / 2, rounds);
      Arrays.sort(warm);
      double median = warm[warm.length / 2];
      total += median;
      System.out.printf(
          "PARSE-PATH %-22s %.3f us CPU/event (range %.3f-%.3f)%n",
          stages[s], median, warm[0], warm[warm.length - 1]);
    }
    System.out.printf("PARSE-PATH total %.3f us CPU/event over %d events (%d)%n", total, n, sink);
  }
}
