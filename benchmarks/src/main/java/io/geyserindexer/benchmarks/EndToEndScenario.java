package io.geyserindexer.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * End to end at a mainnet-shaped profile in real time: broker, fresh database, simulator, ingestor
 * and persister, each its own JVM, sampled every second through a warm-up and a measured window.
 * Prints one table per profile against the goal (2x mainnet sustained, p99 under 1 s, RSS under 512
 * MB) and writes the per-second samples and plots.
 */
final class EndToEndScenario {

  /** Goal of issue 6: the freshness an indexer's users see. */
  static final double P99_GOAL_SECONDS = 1.0;

  static final long RSS_GOAL_KB = 512 * 1024;

  private final Path home;
  private final Path logs;
  private final Path plots;
  private final PrintStream out;
  private final Duration warmUp;
  private final Duration warmUpLimit;
  private final Duration measured;

  EndToEndScenario(
      Path home, Path logs, Path plots, PrintStream out, Duration warmUp, Duration measured) {
    this.home = home;
    this.logs = logs;
    this.plots = plots;
    this.out = out;
    this.warmUp = warmUp;
    this.warmUpLimit = warmUp.multipliedBy(5);
    this.measured = measured;
  }

  /** Runs every profile once per repeat (interleaved, so drift hits all alike), then summarises. */
  void run(List<Pipeline.Settings> runs, int repeats) throws Exception {
    out.println();
    out.println(
        "### End to end, real time (simulator -> ingestor -> Kafka -> persister -> PostgreSQL)");
    Map<Profile, RepeatSummary> summaries = new LinkedHashMap<>();
    for (int repeat = 1; repeat <= repeats; repeat++) {
      for (Pipeline.Settings settings : runs) {
        RepeatSummary summary =
            summaries.computeIfAbsent(
                settings.profile(), p -> new RepeatSummary("End to end, profile " + p.name()));
        runOne(settings, repeat, repeats, summary);
      }
    }
    if (repeats > 1) {
      summaries.values().forEach(summary -> summary.print(out));
    }
  }

  private void runOne(Pipeline.Settings settings, int repeat, int repeats, RepeatSummary summary)
      throws Exception {
    Profile profile = settings.profile();
    out.println();
    out.println(
        "#### Profile "
            + profile.describe()
            + (repeats > 1 ? " (run " + repeat + " of " + repeats + ")" : ""));
    out.println();
    out.println("Settings: " + settings.describe() + ".");
    try (Pipeline pipeline = Pipeline.start(home, logs, settings);
        PipelineSampler sampler = new PipelineSampler(pipeline)) {
      double firstCommit = StartUp.awaitFirstCommit(sampler, Duration.ofMinutes(3));
      boolean settled = StartUp.warmUp(sampler, warmUp, warmUpLimit);
      double from = sampler.now();
      sampler.sampleFor(measured.toSeconds());
      double to = sampler.now();
      RunWindow window = RunWindow.between(sampler.ticks(), from, to);
      boolean meets = printTable(profile, window, from - firstCommit, settled);
      record(summary, window);
      summary.runEnded(meets);
      MemoryTable.print(out, window, settings, pipeline.gcLogs());
      List<ChartWriter.Phase> phases = new ArrayList<>();
      phases.add(new ChartWriter.Phase("start-up", 0, firstCommit));
      phases.add(new ChartWriter.Phase("warm-up", firstCommit, window.first().seconds()));
      phases.add(
          new ChartWriter.Phase("measured", window.first().seconds(), window.last().seconds()));
      TimeSeries series =
          PerSecondSeries.of(sampler.ticks(), List.copyOf(pipeline.pids().keySet()));
      List<Path> files =
          RunPlots.write(
              plots,
              "e2e-" + profile.name() + (repeat > 1 ? "-run" + repeat : ""),
              "End to end, " + profile.name(),
              series,
              phases);
      out.println();
      out.println("Per-second samples and plots: " + files);
      out.flush();
    }
  }

  private static void record(RepeatSummary summary, RunWindow window) {
    LatencyHistogram latency = window.latency();
    summary.record("ingestor events/s", window.ingestorRate());
    summary.record("persister events/s", window.persisterRate());
    summary.record("latency p50 (ms)", latency.quantile(0.5) * 1000);
    summary.record("latency p99 (ms)", latency.quantile(0.99) * 1000);
    double[] slowest = latency.highestOccupiedBucket();
    summary.record(
        "latency max (ms, upper edge of the highest occupied bucket)",
        slowest == null ? Double.NaN : slowest[1] * 1000);
    summary.record("consumer lag at end (records)", window.lagEnd());
    for (String process : List.of("ingestor", "persister")) {
      summary.record("peak RSS " + process + " (MB)", window.peakRssKb(process) / 1024.0);
    }
  }

  /** Prints the run's table; true when it meets the goal. */
  private boolean printTable(Profile profile, RunWindow window, double warmedUp, boolean settled) {
    LatencyHistogram latency = window.latency();
    double p50 = latency.quantile(0.5);
    double p99 = latency.quantile(0.99);
    double target = profile.updatesPerSecond();
    double[] p99Bucket = latency.bucketOf(p99);
    out.println();
    out.printf(
        Locale.ROOT,
        "Measured window: %.0f s after a %.0f s warm-up (from the first commit; at least %d s, then"
            + " until the lag is at most 1 s of traffic and the stream's slot statuses reach the"
            + " ingestor within 1 s, %d samples in a row, at most %d s: %s). Latency quantiles are interpolated inside"
            + " the persister's histogram buckets (Micrometer's percentile buckets, 1 ms to 10 min:"
            + " about 12 per factor of 4, so a bucket spans about 8-33 %% of its value; the p99's"
            + " bucket is shown).%n",
        window.seconds(),
        warmedUp,
        warmUp.toSeconds(),
        SettleRule.SAMPLES_IN_A_ROW,
        warmUpLimit.toSeconds(),
        settled ? "settled" : "never settled");
    out.println();
    out.println("| figure | value |");
    out.println("|---|---|");
    double[] offered = window.offeredRates();
    double offeredUpdates = offered[0] + offered[1];
    row("target updates/s (tx + account updates)", Samples.format(target));
    row(
        "offered by the simulator (as the ingestor received it): tx/s, account updates/s,"
            + " blocks/s",
        Samples.format(offered[0])
            + " ("
            + Samples.format(profile.txPerSlot() * 1000.0 / profile.slotIntervalMs())
            + " asked), "
            + Samples.format(offered[1])
            + " ("
            + Samples.format(profile.accountsPerSlot() * 1000.0 / profile.slotIntervalMs())
            + " asked), "
            + Samples.format(offered[2])
            + " ("
            + Samples.format(1000.0 / profile.slotIntervalMs())
            + " slots/s asked)");
    row(
        "ingestor events/s (acknowledged on slots, blocks, transactions, accounts)",
        Samples.format(window.ingestorRate()) + ratio(window.ingestorRate(), target));
    row(
        "persister events/s (persister_records_total)",
        Samples.format(window.persisterRate()) + ratio(window.persisterRate(), target));
    row("latency p50 (created_at -> COMMIT)", ms(p50));
    row(
        "latency p99",
        ms(p99) + " (histogram bucket " + ms(p99Bucket[0]) + "–" + ms(p99Bucket[1]) + ")");
    double[] slowest = latency.highestOccupiedBucket();
    row(
        "latency max (highest histogram bucket with events in the window)",
        slowest == null ? "n/a" : ms(slowest[0]) + "–" + ms(slowest[1]));
    row(
        "highest scraped _max (Micrometer's max of the last ~2 min, so it can reach back into the"
            + " warm-up)",
        ms(window.latencyMax()));
    row("events in the latency histogram", Samples.format(latency.count()));
    double[] streamDelay = window.streamDelayMedianAndMax();
    row(
        "of which before the ingestor: created_at -> ingestor receipt, median / max (slot"
            + " statuses read from Kafka)",
        EndToEndScenario.ms(streamDelay[0] / 1000)
            + " / "
            + EndToEndScenario.ms(streamDelay[1] / 1000));
    row(
        "consumer lag at end / max (records)",
        count(window.lagEnd()) + " / " + count(window.lagMax()));
    row(
        "ingestor stream ends / gap slots / dropped events in window",
        count(window.streamEnds())
            + " / "
            + count(window.gapSlots())
            + " / "
            + count(window.dropped()));
    List<String> misses = misses(window, target, offeredUpdates, p99);
    row(
        "verdict",
        (misses.isEmpty() ? "**meets**" : "**misses**: " + String.join("; ", misses))
            + " (criteria: simulator offers ≥ 90 % of the target; no stream end, gap or drop at"
            + " the ingestor; lag at end ≤ 2 s of offered traffic; p99 < 1 s; ingestor and"
            + " persister VmHWM < 512 MB)");
    return misses.isEmpty();
  }

  /** Against issue 6's goal; the criteria are printed with the verdict so a reader can check. */
  private static List<String> misses(RunWindow window, double target, double offered, double p99) {
    List<String> misses = new ArrayList<>();
    if (offered < 0.9 * target) {
      misses.add(
          String.format(
              Locale.ROOT,
              "profile not reached: the simulator offered %.0f %% of the target updates/s",
              100 * offered / target));
    }
    if (window.streamEnds() > 0 || window.gapSlots() > 0 || window.dropped() > 0) {
      misses.add("ingestor fell behind the stream (stream ends, gap slots or drops)");
    }
    // Sustained: the persister ends the window within 2 s of the offered traffic.
    if (Double.isNaN(window.lagEnd()) || window.lagEnd() > 2 * Math.max(offered, 1)) {
      misses.add("persister not sustained (lag at end > 2 s of offered traffic)");
    }
    if (Double.isNaN(p99) || p99 >= P99_GOAL_SECONDS) {
      misses.add("p99 >= 1 s");
    }
    for (String process : List.of("ingestor", "persister")) {
      if (window.peakRssKb(process) < 0 || window.peakRssKb(process) >= RSS_GOAL_KB) {
        misses.add(process + " RSS >= 512 MB");
      }
    }
    return misses;
  }

  private void row(String figure, String value) {
    out.println("| " + figure + " | " + value + " |");
  }

  static String ratio(double value, double target) {
    return String.format(Locale.ROOT, " (%.2f× target)", value / target);
  }

  static String ms(double seconds) {
    if (Double.isNaN(seconds)) {
      return "n/a";
    }
    if (Double.isInfinite(seconds)) {
      return "∞";
    }
    return String.format(Locale.ROOT, "%,.0f ms", seconds * 1000);
  }

  static String count(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.0f", value);
  }
}
