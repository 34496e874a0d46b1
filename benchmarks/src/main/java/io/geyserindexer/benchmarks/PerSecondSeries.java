package io.geyserindexer.benchmarks;

import io.geyserindexer.benchmarks.PipelineSampler.Tick;
import java.util.ArrayList;
import java.util.List;

/** Turns a run's ticks into per-second rows (rates and latency of each one-second step). */
final class PerSecondSeries {

  static final String INGESTOR = "ingestor_events_per_s";
  static final String PERSISTER = "persister_events_per_s";
  static final String LAG = "consumer_lag_records";
  static final String P50 = "latency_p50_ms";
  static final String P99 = "latency_p99_ms";
  static final String MAX = "latency_max_ms";
  static final String STREAM_DELAY = "stream_delay_max_ms";
  static final List<String> CPU = List.of("cpu_busy_pct", "cpu_iowait_pct", "cpu_steal_pct");

  private PerSecondSeries() {}

  static TimeSeries of(List<Tick> ticks, List<String> processes) {
    List<String> columns =
        new ArrayList<>(List.of(INGESTOR, PERSISTER, LAG, P50, P99, MAX, STREAM_DELAY));
    processes.forEach(p -> columns.add(p + "_rss_mb"));
    processes.forEach(p -> columns.add(p + "_heap_mb"));
    columns.addAll(CPU);
    Pipeline.PERSISTED_KINDS.forEach(kind -> columns.add("lag_" + kind));
    TimeSeries series = new TimeSeries(columns);
    for (int i = 1; i < ticks.size(); i++) {
      RunWindow step = RunWindow.of(ticks.subList(i - 1, i + 1));
      LatencyHistogram latency = step.latency();
      double[] row = new double[columns.size()];
      row[0] = step.ingestorRate();
      row[1] = step.persisterRate();
      row[2] = step.lagEnd();
      row[3] = latency.quantile(0.5) * 1000;
      row[4] = latency.quantile(0.99) * 1000;
      row[5] = step.last().latency().max() * 1000;
      row[6] = step.streamDelayMedianAndMax()[1];
      int c = 7;
      for (String process : processes) {
        row[c++] = megabytes(step.last().memory().get(process).rssKb());
      }
      for (String process : processes) {
        row[c++] = megabytes(step.last().memory().get(process).heapKb());
      }
      for (double percent : step.last().cpu().percentSince(step.first().cpu())) {
        row[c++] = percent;
      }
      for (String kind : Pipeline.PERSISTED_KINDS) {
        Long lag = step.last().lagByKind().get(kind);
        row[c++] = lag == null ? Double.NaN : lag;
      }
      series.add(step.last().seconds(), row);
    }
    return series;
  }

  private static double megabytes(long kb) {
    return kb < 0 ? Double.NaN : kb / 1024.0;
  }
}
