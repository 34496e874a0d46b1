package io.geyserindexer.benchmarks;

import io.geyserindexer.benchmarks.PipelineSampler.Tick;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Backpressure and catch-up: the end-to-end pipeline at the mainnet profile with a TCP proxy
 * between the persister and PostgreSQL. Live, then a slow database (added round-trip time), then
 * the proxy restored until the group's lag is back near zero (bounded). The ingestor must keep
 * draining the stream at the live rate throughout; Kafka absorbs the difference.
 */
final class BackpressureScenario {

  /** Lag counted as caught up: one second of the live phase's traffic. */
  private static final double CAUGHT_UP_SECONDS_OF_TRAFFIC = 1.0;

  private final Path home;
  private final Path logs;
  private final Path plots;
  private final PrintStream out;
  private final Phases phases;

  /**
   * How long each phase lasts.
   *
   * @param slowRoundTrip round-trip time the proxy adds while the database is slow
   * @param catchUpLimit how long the restored phase may wait for the lag to drain
   */
  record Phases(
      Duration warmUp,
      Duration live,
      Duration slow,
      Duration slowRoundTrip,
      Duration catchUpLimit) {}

  BackpressureScenario(Path home, Path logs, Path plots, PrintStream out, Phases phases) {
    this.home = home;
    this.logs = logs;
    this.plots = plots;
    this.out = out;
    this.phases = phases;
  }

  void run(Pipeline.Settings settings, int repeats) throws Exception {
    out.println();
    out.println("### Backpressure: slow database, then catch-up");
    RepeatSummary summary = new RepeatSummary("Backpressure, profile " + settings.profile().name());
    for (int repeat = 1; repeat <= repeats; repeat++) {
      if (repeats > 1) {
        out.println();
        out.println("#### Run " + repeat + " of " + repeats);
      }
      runOnce(settings, repeat, summary);
    }
    if (repeats > 1) {
      summary.print(out);
    }
  }

  private void runOnce(Pipeline.Settings settings, int repeat, RepeatSummary summary)
      throws Exception {
    Duration warmUp = phases.warmUp();
    Duration live = phases.live();
    Duration slow = phases.slow();
    Duration slowRoundTrip = phases.slowRoundTrip();
    Duration catchUpLimit = phases.catchUpLimit();
    Profile profile = settings.profile();
    out.println();
    out.println("Profile " + profile.describe() + ".");
    out.println();
    out.printf(
        Locale.ROOT,
        "Settings: %s; the persister reaches PostgreSQL through a TCP proxy. Slow phase: the proxy"
            + " adds %d ms round-trip time (%d ms each way, not a cut).%n",
        settings.describe(),
        slowRoundTrip.toMillis(),
        slowRoundTrip.toMillis() / 2);
    try (Pipeline pipeline = Pipeline.start(home, logs, settings);
        PipelineSampler sampler = new PipelineSampler(pipeline)) {
      double firstCommit = StartUp.awaitFirstCommit(sampler, Duration.ofMinutes(3));
      boolean settled = StartUp.warmUp(sampler, warmUp, warmUp.multipliedBy(5));
      double liveFrom = sampler.now();
      sampler.sampleFor(live.toSeconds());
      double slowFrom = sampler.now();
      double threshold =
          Math.max(
              1,
              RunWindow.between(sampler.ticks(), liveFrom, slowFrom).ingestorRate()
                  * CAUGHT_UP_SECONDS_OF_TRAFFIC);
      pipeline.proxy().latency(slowRoundTrip.dividedBy(2));
      sampler.sampleFor(slow.toSeconds());
      double restoredFrom = sampler.now();
      pipeline.proxy().latency(Duration.ZERO);
      double caughtUpAt = Double.NaN;
      double deadline = restoredFrom + catchUpLimit.toSeconds();
      while (sampler.now() < deadline) {
        Tick tick = sampler.sampleOnce();
        if (!Double.isNaN(tick.lag()) && tick.lag() <= threshold) {
          caughtUpAt = tick.seconds();
          break;
        }
      }
      double end = sampler.now();
      List<Tick> ticks = sampler.ticks();
      RunWindow liveWindow = RunWindow.between(ticks, liveFrom, slowFrom);
      RunWindow slowWindow = RunWindow.between(ticks, slowFrom, restoredFrom);
      RunWindow restoredWindow = RunWindow.between(ticks, restoredFrom, end);
      printPhases(liveWindow, slowWindow, restoredWindow);
      printSummary(liveWindow, slowWindow, restoredWindow, restoredFrom, caughtUpAt, threshold);
      record(summary, liveWindow, slowWindow, restoredWindow, restoredFrom, caughtUpAt);
      MemoryTable.print(out, RunWindow.between(ticks, liveFrom, end), settings, pipeline.gcLogs());
      List<ChartWriter.Phase> phases =
          List.of(
              new ChartWriter.Phase("start-up + warm-up", 0, liveFrom),
              new ChartWriter.Phase("live", liveFrom, slowFrom),
              new ChartWriter.Phase(
                  "slow DB (+" + slowRoundTrip.toMillis() + " ms RTT)", slowFrom, restoredFrom),
              new ChartWriter.Phase("restored", restoredFrom, end));
      TimeSeries series = PerSecondSeries.of(ticks, List.copyOf(pipeline.pids().keySet()));
      List<Path> files =
          RunPlots.write(
              plots,
              "backpressure-" + profile.name() + (repeat > 1 ? "-run" + repeat : ""),
              "Backpressure, " + profile.name(),
              series,
              phases);
      out.println();
      out.printf(
          Locale.ROOT,
          "First commit %.0f s after start; warm-up %.0f s (at least %d s, then until the lag was at"
              + " most 1 s of traffic and the stream's slot statuses reached the ingestor within 1 s,"
              + " %d samples in a row, at most %d s: %s).%n",
          firstCommit,
          liveFrom - firstCommit,
          warmUp.toSeconds(),
          SettleRule.SAMPLES_IN_A_ROW,
          warmUp.multipliedBy(5).toSeconds(),
          settled ? "settled" : "never settled");
      out.println("Per-second samples and plots: " + files);
      out.flush();
    }
  }

  private void printPhases(RunWindow live, RunWindow slow, RunWindow restored) {
    out.println();
    out.println(
        "| phase | seconds | ingestor events/s | persister events/s | lag at end | lag max |"
            + " latency p99 | stream ends |");
    out.println("|---|---|---|---|---|---|---|---|");
    phaseRow("live", live);
    phaseRow("slow database", slow);
    phaseRow("restored", restored);
  }

  private void phaseRow(String name, RunWindow window) {
    out.printf(
        Locale.ROOT,
        "| %s | %.0f | %s | %s | %s | %s | %s | %s |%n",
        name,
        window.seconds(),
        Samples.format(window.ingestorRate()),
        Samples.format(window.persisterRate()),
        EndToEndScenario.count(window.lagEnd()),
        EndToEndScenario.count(window.lagMax()),
        EndToEndScenario.ms(window.latency().quantile(0.99)),
        EndToEndScenario.count(window.streamEnds()));
  }

  /**
   * Keeps the run's headline figures. The run meets the goal when the ingestor kept at least 95 %
   * of its live rate through the slow phase without a stream end, and the lag drained afterwards.
   */
  private void record(
      RepeatSummary summary,
      RunWindow live,
      RunWindow slow,
      RunWindow restored,
      double restoredFrom,
      double caughtUpAt) {
    double keptLive = slow.ingestorRate() / live.ingestorRate();
    summary.record("ingestor events/s, slow phase ÷ live", keptLive);
    summary.record("persister events/s, live", live.persisterRate());
    summary.record(
        "persister events/s, slow phase ÷ live", slow.persisterRate() / live.persisterRate());
    summary.record("lag peak (records)", Math.max(slow.lagMax(), restored.lagMax()));
    summary.record("catch-up rate ÷ live", restored.persisterRate() / live.persisterRate());
    summary.record("time to catch up (s)", caughtUpAt - restoredFrom);
    summary.runEnded(keptLive >= 0.95 && slow.streamEnds() == 0 && !Double.isNaN(caughtUpAt));
  }

  private void printSummary(
      RunWindow live,
      RunWindow slow,
      RunWindow restored,
      double restoredFrom,
      double caughtUpAt,
      double threshold) {
    double liveRate = live.persisterRate();
    // The restored phase ends at the first tick with the lag under the threshold (or when the
    // bounded wait ran out), so its persister rate is the catch-up rate.
    RunWindow catchUp = restored;
    out.println();
    out.println("| figure | value |");
    out.println("|---|---|");
    out.printf(
        Locale.ROOT,
        "| ingestor events/s, slow phase vs live | %s vs %s (%.2f×) |%n",
        Samples.format(slow.ingestorRate()),
        Samples.format(live.ingestorRate()),
        slow.ingestorRate() / live.ingestorRate());
    out.printf(
        Locale.ROOT,
        "| lag peak | %s records |%n",
        EndToEndScenario.count(Math.max(slow.lagMax(), restored.lagMax())));
    out.printf(
        Locale.ROOT,
        "| persister events/s, slow phase | %s (%.2f× live) |%n",
        Samples.format(slow.persisterRate()),
        slow.persisterRate() / liveRate);
    out.printf(
        Locale.ROOT,
        "| catch-up rate (persister events/s while lag > %s) | %s (%.2f× live %s) |%n",
        EndToEndScenario.count(threshold),
        Samples.format(catchUp.persisterRate()),
        catchUp.persisterRate() / liveRate,
        Samples.format(liveRate));
    out.printf(
        Locale.ROOT,
        "| time to catch up (lag ≤ %s records) | %s |%n",
        EndToEndScenario.count(threshold),
        Double.isNaN(caughtUpAt)
            ? String.format(
                Locale.ROOT,
                "not within %.0f s (lag still %s)",
                restored.seconds(),
                EndToEndScenario.count(restored.lagEnd()))
            : String.format(Locale.ROOT, "%.0f s", caughtUpAt - restoredFrom));
  }
}
