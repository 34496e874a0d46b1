package io.geyserindexer.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the memory of every JVM of a {@link Pipeline} over a {@link RunWindow}, with its GC pauses
 * over the whole run.
 */
final class MemoryTable {

  private MemoryTable() {}

  static void print(
      PrintStream out, RunWindow window, Pipeline.Settings settings, Map<String, Path> gcLogs) {
    out.println();
    out.println(
        "| process | -Xmx | peak RSS (VmHWM, since start) | max VmRSS in window | max heap used in"
            + " window | GC pauses since start: count, longest, total |");
    out.println("|---|---|---|---|---|---|");
    for (String process : window.last().memory().keySet()) {
      String heap =
          switch (process) {
            case "simulator" -> settings.simulatorHeap();
            case "broker" -> settings.brokerHeap();
            default -> settings.processHeap();
          };
      out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s | %s |%n",
          process,
          heap,
          mb(window.peakRssKb(process)),
          mb(window.maxRssKb(process)),
          mb(window.maxHeapKb(process)),
          pauses(gcLogs.get(process)));
    }
  }

  private static String pauses(Path gcLog) {
    return GcPauses.of(gcLog)
        .map(
            p ->
                String.format(
                    Locale.ROOT, "%,d, %,.0f ms, %,.0f ms", p.count(), p.longestMs(), p.totalMs()))
        .orElse("n/a");
  }

  static String mb(long kb) {
    return kb < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f MB", kb / 1024.0);
  }
}
