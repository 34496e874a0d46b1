package io.geyserindexer.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The machine's cumulative CPU time from the first line of {@code /proc/stat}, in clock ticks: busy
 * (user, nice, system, irq, softirq), idle, waiting on I/O, and stolen by the hypervisor. Two
 * readings a second apart say whether a stall in a run was the machine's (busy, I/O or steal)
 * rather than the pipeline's.
 */
record CpuTimes(long busy, long idle, long iowait, long steal) {

  static final CpuTimes UNKNOWN = new CpuTimes(0, 0, 0, 0);

  static Optional<CpuTimes> read() {
    try {
      return Optional.of(parse(Files.readString(Path.of("/proc/stat"))));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** {@code cpu user nice system idle iowait irq softirq steal ...}. */
  static CpuTimes parse(String stat) {
    String first = stat.lines().findFirst().orElse("");
    String[] f = first.strip().split("\\s+");
    if (f.length < 9 || !f[0].equals("cpu")) {
      throw new IllegalArgumentException("not a /proc/stat cpu line: " + first);
    }
    long user = Long.parseLong(f[1]);
    long nice = Long.parseLong(f[2]);
    long system = Long.parseLong(f[3]);
    long irq = Long.parseLong(f[6]);
    long softirq = Long.parseLong(f[7]);
    return new CpuTimes(
        user + nice + system + irq + softirq,
        Long.parseLong(f[4]),
        Long.parseLong(f[5]),
        Long.parseLong(f[8]));
  }

  private long total() {
    return busy + idle + iowait + steal;
  }

  /**
   * Percent of all CPU time between {@code earlier} and this reading that was busy, waiting on I/O
   * and stolen; NaN each when there is no time between them (or a reading was unknown).
   */
  double[] percentSince(CpuTimes earlier) {
    double total = total() - earlier.total();
    if (total <= 0 || earlier == UNKNOWN || this == UNKNOWN) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    return new double[] {
      100 * (busy - earlier.busy) / total,
      100 * (iowait - earlier.iowait) / total,
      100 * (steal - earlier.steal) / total
    };
  }
}
