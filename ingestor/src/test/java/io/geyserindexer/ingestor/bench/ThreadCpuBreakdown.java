package io.geyserindexer.ingestor.bench;

import io.geyserindexer.ingestor.testing.ScriptedGeyserServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * CPU time of a measured window split by thread group, so a benchmark can say which stage of a
 * shared-JVM run (loopback server, gRPC client, publisher, producer I/O, broker, GC, JIT) costs
 * what per event.
 *
 * <p>Java threads are grouped by name through {@link ThreadMXBean}. A sampler reads them every 50
 * ms as well, so a thread that ends inside the window (ProducerPerformance closes its producer, and
 * with it the network thread) still counts up to its last sample. The JVM's own threads (GC,
 * compiler) are not Java threads: on Linux they are read from {@code /proc/self/task} (clock-tick
 * resolution). What neither source sees is reported as unattributed.
 */
final class ThreadCpuBreakdown {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final long SAMPLE_MILLIS = 50;
  private static final String SAMPLER = "cpu-sampler";
  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

  static final String SERVER = "loopback Geyser server (test)";
  static final String GRPC = "gRPC client (netty I/O + stream callbacks)";
  static final String PUBLISHER = "kafka-publisher (queue to producer.send)";
  static final String NETWORK = "producer network thread";
  static final String MAIN = "main (ProducerPerformance send loop; harness)";
  static final String BROKER = "broker and other Java threads";
  static final String GC = "GC threads";
  static final String JIT = "JIT compiler threads";
  static final String UNATTRIBUTED = "other VM threads, the sampler, unattributed";

  private static final String[] GROUPS = {
    SERVER, GRPC, PUBLISHER, NETWORK, MAIN, BROKER, GC, JIT, UNATTRIBUTED
  };

  private final Map<Long, Long> startCpu;
  private final Map<Long, Long> lastCpu = new ConcurrentHashMap<>();
  private final Map<Long, String> names = new ConcurrentHashMap<>();
  private final Map<String, Long> startNative;
  private final long startProcessCpu;
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, SAMPLER);
            t.setDaemon(true);
            return t;
          });

  private ThreadCpuBreakdown() {
    this.startCpu = javaThreadCpu();
    this.startNative = nativeGroupCpu();
    this.startProcessCpu = processCpuNanos();
    sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Starts a window now. */
  static ThreadCpuBreakdown start() {
    return new ThreadCpuBreakdown();
  }

  /** CPU nanoseconds per group since {@link #start}, every group in a fixed order. */
  Map<String, Long> end() {
    sampler.shutdownNow();
    long processCpu = processCpuNanos() - startProcessCpu;
    sample();
    Map<String, Long> groups = new LinkedHashMap<>();
    for (String group : GROUPS) {
      groups.put(group, 0L);
    }
    long attributed = 0;
    for (Map.Entry<Long, Long> e : lastCpu.entrySet()) {
      if (names.get(e.getKey()).equals(SAMPLER)) {
        continue;
      }
      long used = e.getValue() - startCpu.getOrDefault(e.getKey(), 0L);
      attributed += used;
      groups.merge(group(names.get(e.getKey())), used, Long::sum);
    }
    Map<String, Long> nativeNow = nativeGroupCpu();
    for (String group : new String[] {GC, JIT}) {
      long used = nativeNow.getOrDefault(group, 0L) - startNative.getOrDefault(group, 0L);
      groups.put(group, used);
      attributed += used;
    }
    groups.put(UNATTRIBUTED, processCpu - attributed);
    return groups;
  }

  private synchronized void sample() {
    for (long id : THREADS.getAllThreadIds()) {
      long nanos = THREADS.getThreadCpuTime(id);
      if (nanos < 0) {
        continue;
      }
      if (!names.containsKey(id)) {
        ThreadInfo info = THREADS.getThreadInfo(id);
        if (info == null) {
          continue;
        }
        names.put(id, info.getThreadName());
      }
      lastCpu.put(id, nanos);
    }
  }

  private static Map<Long, Long> javaThreadCpu() {
    Map<Long, Long> cpu = new HashMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      long nanos = THREADS.getThreadCpuTime(id);
      if (nanos >= 0) {
        cpu.put(id, nanos);
      }
    }
    return cpu;
  }

  private static String group(String thread) {
    if (thread.startsWith(ScriptedGeyserServer.THREAD_PREFIX)) {
      return SERVER;
    }
    if (thread.startsWith("grpc-")) {
      return GRPC;
    }
    if (thread.equals("kafka-publisher")) {
      return PUBLISHER;
    }
    if (thread.startsWith("kafka-producer-network-thread")) {
      return NETWORK;
    }
    if (thread.equals("main")) {
      return MAIN;
    }
    return BROKER;
  }

  /** GC and compiler thread CPU from /proc (Linux), by the names HotSpot gives them. */
  private static Map<String, Long> nativeGroupCpu() {
    Map<String, Long> groups = new HashMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return groups;
    }
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
      for (Path task : dir) {
        try {
          String comm = Files.readString(task.resolve("comm")).trim();
          String group =
              comm.startsWith("GC Thread") || comm.startsWith("G1 ")
                  ? GC
                  : comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") ? JIT : null;
          if (group == null) {
            continue;
          }
          String stat = Files.readString(task.resolve("stat"));
          // Fields after the parenthesised name: state is field 3, utime 14, stime 15.
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          groups.merge(group, ticks * NANOS_PER_TICK, Long::sum);
        } catch (IOException | RuntimeException e) {
          // The thread ended while being read: its CPU is left unattributed.
        }
      }
    } catch (IOException e) {
      return groups;
    }
    return groups;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
