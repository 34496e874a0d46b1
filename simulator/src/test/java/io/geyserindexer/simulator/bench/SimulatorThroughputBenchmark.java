package io.geyserindexer.simulator.bench;

import io.geyserindexer.proto.geyser.CommitmentLevel;
import io.geyserindexer.simulator.server.ChaosSettings;
import io.geyserindexer.simulator.server.ModelSlotSource;
import io.geyserindexer.simulator.server.ServerSettings;
import io.geyserindexer.simulator.server.SimulatorServer;
import io.geyserindexer.simulator.traffic.SlotContent;
import io.geyserindexer.simulator.traffic.TrafficConfig;
import io.geyserindexer.simulator.traffic.TrafficModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Prints the simulator's own maximum rate: (1) the traffic model alone, (2) the server at slot
 * interval 0 (as fast as the slowest subscriber drains) streaming to one {@link DrainingSubscriber}
 * that subscribes as the ingestor does, {@code runs} times with a fresh server each, and the
 * median. Each run also prints the process CPU time per delivered update (server and client share
 * this JVM) and the client's part of it: on a shared machine that figure moves less with the load
 * than the rate does. Not a test; run by hand:
 *
 * <pre>
 * java -cp simulator/target/test-classes:simulator/target/simulator.jar \
 *   io.geyserindexer.simulator.bench.SimulatorThroughputBenchmark \
 *   [txPerSlot=1600] [accountsPerSlot=5333] [seconds=10] [runs=3] [commitment=confirmed]
 * </pre>
 */
public final class SimulatorThroughputBenchmark {

  private static final long START_SLOT = 300_000_000L;

  private SimulatorThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int tx = args.length > 0 ? Integer.parseInt(args[0]) : 1600;
    int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 5333;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    CommitmentLevel commitment =
        args.length > 4
            ? CommitmentLevel.valueOf(args[4].toUpperCase())
            : CommitmentLevel.CONFIRMED;
    TrafficConfig config = TrafficConfig.defaults(1, tx, accounts);
    modelOnly(new TrafficModel(config), Math.min(seconds, 5));
    double[] rates = new double[runs];
    for (int i = 0; i < runs; i++) {
      rates[i] = server(new TrafficModel(config), seconds, commitment, i + 1);
    }
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "server -> 1 draining client (%s, ingestor filters), %d x %d s: median %.0f"
            + " updates/s, range %.0f-%.0f%n",
        commitment, runs, seconds, sorted[runs / 2], sorted[0], sorted[runs - 1]);
  }

  private static void modelOnly(TrafficModel model, int seconds) {
    long events = 0;
    long slot = START_SLOT;
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      SlotContent content = model.slot(slot++);
      events += content.accounts().size() + content.transactions().size();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "model only: %d slots, %.1f slots/s, %.0f events/s (accounts + transactions)%n",
        slot - START_SLOT, (slot - START_SLOT) / elapsed, events / elapsed);
  }

  /** CPU time of the whole process and of the draining client's threads. */
  private record CpuTimes(long processNanos, long clientNanos) {
    static CpuTimes now() {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long client = 0;
      for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
        if (info != null && info.getThreadName().startsWith(DrainingSubscriber.THREAD_PREFIX)) {
          client += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
        }
      }
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      return new CpuTimes(os.getProcessCpuTime(), client);
    }

    CpuTimes minus(CpuTimes earlier) {
      return new CpuTimes(processNanos - earlier.processNanos, clientNanos - earlier.clientNanos);
    }
  }

  /** One run: a fresh server, 5 s warm-up, then {@code seconds} measured; returns updates/s. */
  private static double server(TrafficModel model, int seconds, CommitmentLevel commitment, int run)
      throws Exception {
    ServerSettings settings =
        new ServerSettings(
            0,
            Optional.empty(),
            300,
            Duration.ofSeconds(10),
            250_000,
            Duration.ZERO,
            1,
            32,
            ChaosSettings.NONE,
            0);
    try (SimulatorServer server =
            new SimulatorServer(
                    settings, new ModelSlotSource(model, START_SLOT, OptionalLong.empty()))
                .start();
        DrainingSubscriber client =
            new DrainingSubscriber("127.0.0.1", server.port(), commitment)) {
      Thread.sleep(5_000); // warm-up of a benchmark harness, not test synchronisation
      DrainingSubscriber.Counts c = client.counts;
      long u0 = c.updates.sum();
      long b0 = c.bytes.sum();
      long a0 = c.accounts.sum();
      long t0tx = c.transactions.sum();
      long m0 = c.blockMetas.sum();
      CpuTimes cpu0 = CpuTimes.now();
      long start = System.nanoTime();
      Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
      double elapsed = (System.nanoTime() - start) / 1e9;
      CpuTimes cpu = CpuTimes.now().minus(cpu0);
      long delivered = c.updates.sum() - u0;
      double rate = delivered / elapsed;
      System.out.printf(
          "run %d: %.0f updates/s (%.0f accounts/s, %.0f transactions/s, %.2f blocks/s),"
              + " %.1f MB/s; CPU per update: %.1f us process, %.1f us of it the client;"
              + " stream %s%n",
          run,
          rate,
          (c.accounts.sum() - a0) / elapsed,
          (c.transactions.sum() - t0tx) / elapsed,
          (c.blockMetas.sum() - m0) / elapsed,
          (c.bytes.sum() - b0) / elapsed / 1e6,
          cpu.processNanos() / 1e3 / delivered,
          cpu.clientNanos() / 1e3 / delivered,
          client.closed.get() == null ? "open" : client.closed.get());
      return rate;
    }
  }
}
