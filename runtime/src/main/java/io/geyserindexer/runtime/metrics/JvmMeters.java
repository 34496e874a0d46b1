package io.geyserindexer.runtime.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The process's own health meters, bound the same way in every process: heap and non-heap use, GC
 * pauses, threads, CPU, uptime, and the resident set size the kernel charges the process (what a
 * container memory limit compares against, heap or not).
 */
public final class JvmMeters implements AutoCloseable {

  private static final Path STATUS = Path.of("/proc/self/status");

  private final JvmGcMetrics gc;

  private JvmMeters(JvmGcMetrics gc) {
    this.gc = gc;
  }

  public static JvmMeters bindTo(MeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    if (residentBytes(STATUS, "VmRSS:").isPresent()) {
      Gauge.builder("process.memory.rss", () -> residentBytes(STATUS, "VmRSS:").orElse(-1))
          .description("Resident set size of the process (Linux /proc/self/status VmRSS)")
          .baseUnit("bytes")
          .register(registry);
      Gauge.builder("process.memory.rss.peak", () -> residentBytes(STATUS, "VmHWM:").orElse(-1))
          .description("Peak resident set size of the process (Linux /proc/self/status VmHWM)")
          .baseUnit("bytes")
          .register(registry);
    }
    return new JvmMeters(gc);
  }

  /** A {@code kB} line of a /proc status file in bytes; empty where there is no such file. */
  static OptionalLong residentBytes(Path status, String key) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(key)) {
          String[] parts = line.substring(key.length()).trim().split("\\s+");
          return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
        }
      }
      return OptionalLong.empty();
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public void close() {
    gc.close();
  }
}
