package io.geyserindexer.benchmarks;

import java.time.Duration;

/** The start of a pipeline run that is not measured: JVM starts, migrations, group joins. */
final class StartUp {

  private StartUp() {}

  /**
   * Samples until the persister has handled its first records; returns the sampler's time then.
   *
   * @throws IllegalStateException when nothing is persisted within {@code limit}
   */
  static double awaitFirstCommit(PipelineSampler sampler, Duration limit) throws Exception {
    double deadline = sampler.now() + limit.toSeconds();
    while (sampler.now() < deadline) {
      if (sampler.sampleOnce().persisted() > 0) {
        return sampler.now();
      }
    }
    throw new IllegalStateException("the persister handled nothing within " + limit);
  }

  /** The stream counts as live when its slot statuses reach the ingestor within this delay. */
  static final double LIVE_STREAM_DELAY_MS = 1_000;

  /**
   * Warm-up: samples for at least {@code min}, then until the start-up backlog is behind us at both
   * ends, for at most {@code limit} in all: the group's lag is at most one second of the traffic of
   * the last five seconds, and the stream itself is live again (slot statuses reach the ingestor
   * within {@link #LIVE_STREAM_DELAY_MS} of their created_at). The second condition matters on a
   * small machine: while four cold JVMs compile, the simulator's clock runs ahead of what it sends,
   * and Kafka's lag alone cannot see a backlog that has not left the server yet. A pipeline that
   * cannot keep up never settles; the measurement then starts at the limit and shows it.
   *
   * @return whether the pipeline settled within the limit
   */
  static boolean warmUp(PipelineSampler sampler, Duration min, Duration limit) throws Exception {
    double start = sampler.now();
    sampler.sampleFor(min.toSeconds());
    while (sampler.now() < start + limit.toSeconds()) {
      PipelineSampler.Tick tick = sampler.sampleOnce();
      var ticks = sampler.ticks();
      RunWindow recent = RunWindow.between(ticks, tick.seconds() - 5, tick.seconds());
      boolean kafkaCaughtUp =
          !Double.isNaN(tick.lag()) && tick.lag() <= Math.max(1, recent.ingestorRate());
      boolean streamLive =
          tick.streamDelaysMs().length > 0
              && java.util.Arrays.stream(tick.streamDelaysMs()).max().orElseThrow()
                  <= LIVE_STREAM_DELAY_MS;
      if (kafkaCaughtUp && streamLive) {
        return true;
      }
    }
    return false;
  }
}
