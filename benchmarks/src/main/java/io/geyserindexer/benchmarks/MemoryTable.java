package io.geyserindexer.benchmarks;

import java.io.PrintStream;
import java.util.Locale;

/** Prints the memory of every JVM of a {@link Pipeline} over a {@link RunWindow}. */
final class MemoryTable {

  private MemoryTable() {}

  static void print(PrintStream out, RunWindow window, Pipeline.Settings settings) {
    out.println();
    out.println(
        "| process | -Xmx | peak RSS (VmHWM, since start) | max VmRSS in window | max heap used in"
            + " window |");
    out.println("|---|---|---|---|---|");
    for (String process : window.last().memory().keySet()) {
      String heap =
          switch (process) {
            case "simulator" -> settings.simulatorHeap();
            case "broker" -> settings.brokerHeap();
            default -> settings.processHeap();
          };
      out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s |%n",
          process,
          heap,
          mb(window.peakRssKb(process)),
          mb(window.maxRssKb(process)),
          mb(window.maxHeapKb(process)));
    }
  }

  static String mb(long kb) {
    return kb < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f MB", kb / 1024.0);
  }
}
