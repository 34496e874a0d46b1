package io.geyserindexer.benchmarks;

import io.geyserindexer.benchmarks.PipelineSampler.Tick;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of a stretch of a run, from its first to its last tick: rates from counter deltas,
 * latency quantiles from the histogram's bucket deltas, maxima over the ticks in between.
 */
final class RunWindow {

  private final List<Tick> ticks;

  private RunWindow(List<Tick> ticks) {
    if (ticks.size() < 2) {
      throw new IllegalArgumentException("a window needs two ticks, has " + ticks.size());
    }
    this.ticks = List.copyOf(ticks);
  }

  /**
   * The ticks from the last one at or before {@code from} to the last one at or before {@code to}.
   */
  static RunWindow between(List<Tick> all, double from, double to) {
    List<Tick> inside = new ArrayList<>();
    for (Tick tick : all) {
      if (tick.seconds() <= from) {
        inside.clear();
      }
      if (tick.seconds() <= to) {
        inside.add(tick);
      }
    }
    return new RunWindow(inside);
  }

  static RunWindow of(List<Tick> ticks) {
    return new RunWindow(ticks);
  }

  Tick first() {
    return ticks.get(0);
  }

  Tick last() {
    return ticks.get(ticks.size() - 1);
  }

  double seconds() {
    return last().seconds() - first().seconds();
  }

  double ingestorRate() {
    return (last().ingested() - first().ingested()) / seconds();
  }

  /** What the simulator sent per second, by kind (transactions, account updates, block metas). */
  double[] offeredRates() {
    PipelineSampler.Offered a = first().offered();
    PipelineSampler.Offered b = last().offered();
    return new double[] {
      (b.transactions() - a.transactions()) / seconds(),
      (b.accounts() - a.accounts()) / seconds(),
      (b.blocks() - a.blocks()) / seconds()
    };
  }

  double persisterRate() {
    return (last().persisted() - first().persisted()) / seconds();
  }

  /** Commits recorded by the latency histogram inside the window. */
  LatencyHistogram latency() {
    return last().latency().minus(first().latency());
  }

  /** The highest {@code _max} scraped inside the window (Micrometer's max is a recent max). */
  double latencyMax() {
    return ticks.subList(1, ticks.size()).stream()
        .mapToDouble(t -> t.latency().max())
        .filter(v -> !Double.isNaN(v))
        .max()
        .orElse(Double.NaN);
  }

  /**
   * Median and max of the stream delays (created_at to ingestor receipt) seen inside the window;
   * NaN without any.
   */
  double[] streamDelayMedianAndMax() {
    double[] all =
        ticks.subList(1, ticks.size()).stream()
            .flatMapToDouble(t -> java.util.Arrays.stream(t.streamDelaysMs()))
            .sorted()
            .toArray();
    if (all.length == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    return new double[] {all[all.length / 2], all[all.length - 1]};
  }

  double lagMax() {
    return ticks.stream().mapToDouble(Tick::lag).filter(v -> !Double.isNaN(v)).max().orElse(0);
  }

  double lagEnd() {
    return last().lag();
  }

  double streamEnds() {
    return last().streamEnds() - first().streamEnds();
  }

  double gapSlots() {
    return last().gapSlots() - first().gapSlots();
  }

  double dropped() {
    return last().dropped() - first().dropped();
  }

  /** VmHWM at the window's end: the process's resident peak since it started. */
  long peakRssKb(String process) {
    return last().memory().get(process).peakRssKb();
  }

  long maxRssKb(String process) {
    return ticks.stream().mapToLong(t -> t.memory().get(process).rssKb()).max().orElse(-1);
  }

  long maxHeapKb(String process) {
    return ticks.stream().mapToLong(t -> t.memory().get(process).heapKb()).max().orElse(-1);
  }
}
