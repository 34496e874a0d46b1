package io.geyserindexer.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JVM's used heap, once a second, from {@code jstat -gc <pid> 1000} (the JDK's reader of the
 * JVM's own performance counters, so the watched process needs no agent and no metrics endpoint:
 * the simulator and the broker have none, and the ingestor and persister export no JVM meters).
 * Used heap is survivor + eden + old used space.
 */
final class HeapWatch implements AutoCloseable {

  private static final List<String> USED_COLUMNS = List.of("S0U", "S1U", "EU", "OU");

  private final Process jstat;
  private final AtomicLong lastKb = new AtomicLong(-1);
  private final AtomicLong peakKb = new AtomicLong(-1);

  private HeapWatch(Process jstat) {
    this.jstat = jstat;
  }

  static HeapWatch start(long pid) throws IOException {
    String jstatPath =
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jstat").toString();
    Process process =
        new ProcessBuilder(jstatPath, "-gc", Long.toString(pid), "1000")
            .redirectErrorStream(true)
            .start();
    HeapWatch watch = new HeapWatch(process);
    Thread reader = new Thread(watch::read, "heap-watch-" + pid);
    reader.setDaemon(true);
    reader.start();
    return watch;
  }

  /** The last used heap seen, in KiB; -1 before the first reading. */
  long lastKb() {
    return lastKb.get();
  }

  /** The highest used heap seen, in KiB; -1 before the first reading. */
  long peakKb() {
    return peakKb.get();
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
      String header = null;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.strip().startsWith("S0C")) {
          header = line;
        } else if (header != null && !line.isBlank()) {
          long used = usedKb(header, line);
          lastKb.set(used);
          peakKb.accumulateAndGet(used, Math::max);
        }
      }
    } catch (IOException | RuntimeException e) {
      // The watched JVM ended (jstat then exits): the figures seen so far stand.
    }
  }

  /** Used heap in KiB from a {@code jstat -gc} header and one data line. */
  static long usedKb(String header, String line) {
    List<String> names = List.of(header.strip().split("\\s+"));
    String[] values = line.strip().split("\\s+");
    if (values.length != names.size()) {
      throw new IllegalArgumentException(
          "jstat line has " + values.length + " fields, header " + names.size());
    }
    double used = 0;
    for (String column : USED_COLUMNS) {
      int index = names.indexOf(column);
      if (index < 0) {
        throw new IllegalArgumentException("jstat header without " + column + ": " + header);
      }
      used += values[index].equals("-") ? 0 : Double.parseDouble(values[index]);
    }
    return Math.round(used);
  }

  @Override
  public void close() throws InterruptedException {
    jstat.destroy();
    jstat.waitFor(5, TimeUnit.SECONDS);
  }
}
