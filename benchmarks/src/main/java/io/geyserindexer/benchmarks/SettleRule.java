package io.geyserindexer.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * When a warm-up has the start-up backlog behind it at both ends, for {@link #SAMPLES_IN_A_ROW}
 * samples in a row: the group's lag is at most one second of the traffic of the last five seconds,
 * and the stream itself is live again (slot statuses reach the ingestor within {@link
 * #LIVE_STREAM_DELAY_MS} of their created_at).
 *
 * <p>The stream condition matters on a small machine: while four cold JVMs compile, the simulator's
 * clock runs ahead of what it sends, and Kafka's lag alone cannot see a backlog that has not left
 * the server yet. The run of samples matters because one good second can be a lull between two
 * start-up bursts: a backpressure run once settled on one, and its "live" rate then held the
 * start-up backlog.
 */
final class SettleRule {

  static final int SAMPLES_IN_A_ROW = 5;

  /** The stream counts as live when its slot statuses reach the ingestor within this delay. */
  static final double LIVE_STREAM_DELAY_MS = 1_000;

  private int inARow;

  /** Takes every tick so far, once per new tick; true once the last few all found it caught up. */
  boolean settledAfter(List<PipelineSampler.Tick> ticks) {
    inARow = caughtUp(ticks) ? inARow + 1 : 0;
    return inARow >= SAMPLES_IN_A_ROW;
  }

  /** Whether the last of {@code ticks} finds the start-up backlog behind us at both ends. */
  static boolean caughtUp(List<PipelineSampler.Tick> ticks) {
    PipelineSampler.Tick tick = ticks.get(ticks.size() - 1);
    RunWindow recent = RunWindow.between(ticks, tick.seconds() - 5, tick.seconds());
    boolean kafkaCaughtUp =
        !Double.isNaN(tick.lag()) && tick.lag() <= Math.max(1, recent.ingestorRate());
    boolean streamLive =
        tick.streamDelaysMs().length > 0
            && Arrays.stream(tick.streamDelaysMs()).max().orElseThrow() <= LIVE_STREAM_DELAY_MS;
    return kafkaCaughtUp && streamLive;
  }
}
