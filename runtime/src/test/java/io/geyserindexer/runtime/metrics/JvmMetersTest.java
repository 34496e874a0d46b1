package io.geyserindexer.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmMetersTest {

  @Test
  void scrapeShowsHeapGcThreadsAndResidentSetSize() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (JvmMeters meters = JvmMeters.bindTo(registry)) {
      String scrape = registry.scrape();
      assertThat(scrape)
          .contains("jvm_memory_used_bytes{area=\"heap\"")
          .contains("jvm_memory_max_bytes")
          .contains("jvm_threads_live_threads")
          .contains("process_cpu_usage");
      if (Files.exists(Path.of("/proc/self/status"))) {
        double rss = registry.get("process.memory.rss").gauge().value();
        double peak = registry.get("process.memory.rss.peak").gauge().value();
        assertThat(rss).isGreaterThan(1024 * 1024);
        assertThat(peak).isGreaterThanOrEqualTo(rss);
      }
    }
  }

  @Test
  void residentBytesReadsKilobyteLines(@TempDir Path dir) throws Exception {
    Path status = dir.resolve("status");
    Files.writeString(status, "Name:\tjava\nVmHWM:\t  524288 kB\nVmRSS:\t  262144 kB\n");
    assertThat(JvmMeters.residentBytes(status, "VmRSS:")).hasValue(262_144L * 1024);
    assertThat(JvmMeters.residentBytes(status, "VmHWM:")).hasValue(524_288L * 1024);
    assertThat(JvmMeters.residentBytes(status, "VmSwap:")).isEmpty();
    assertThat(JvmMeters.residentBytes(dir.resolve("missing"), "VmRSS:")).isEmpty();
  }
}
