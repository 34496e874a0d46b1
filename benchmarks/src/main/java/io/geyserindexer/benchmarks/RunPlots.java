package io.geyserindexer.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a run's per-second samples as {@code <name>.csv} and its three plots beside it: throughput
 * (ingestor vs persister events/s), consumer lag, and latency p50/p99 per second.
 */
final class RunPlots {

  private RunPlots() {}

  /** Writes the files and returns their paths. */
  static List<Path> write(
      Path dir, String name, String title, TimeSeries series, List<ChartWriter.Phase> phases)
      throws Exception {
    List<Path> written = new ArrayList<>();
    Path csv = dir.resolve(name + ".csv");
    series.writeCsv(csv);
    written.add(csv);
    Path throughput = dir.resolve(name + "-throughput.png");
    ChartWriter.write(
        throughput,
        title + ": throughput",
        "events/s",
        series,
        List.of(PerSecondSeries.INGESTOR, PerSecondSeries.PERSISTER),
        phases);
    written.add(throughput);
    Path lag = dir.resolve(name + "-lag.png");
    ChartWriter.write(
        lag,
        title + ": consumer lag (persister group)",
        "records",
        series,
        List.of(PerSecondSeries.LAG),
        phases);
    written.add(lag);
    Path latency = dir.resolve(name + "-latency.png");
    ChartWriter.write(
        latency,
        title + ": created_at to COMMIT, per-second windows",
        "ms",
        series,
        List.of(PerSecondSeries.P50, PerSecondSeries.P99, PerSecondSeries.STREAM_DELAY),
        phases);
    written.add(latency);
    return written;
  }
}
