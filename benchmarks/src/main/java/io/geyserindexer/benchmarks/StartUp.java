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

  /**
   * Warm-up: samples for at least {@code min}, then until the group's lag is at most one second of
   * the traffic of the last five seconds (JIT and the start-up backlog are behind us), for at most
   * {@code limit} in all. A pipeline that cannot keep up never settles; the measurement then starts
   * at the limit and shows it.
   *
   * @return whether the lag settled within the limit
   */
  static boolean warmUp(PipelineSampler sampler, Duration min, Duration limit) throws Exception {
    double start = sampler.now();
    sampler.sampleFor(min.toSeconds());
    while (sampler.now() < start + limit.toSeconds()) {
      PipelineSampler.Tick tick = sampler.sampleOnce();
      var ticks = sampler.ticks();
      RunWindow recent = RunWindow.between(ticks, tick.seconds() - 5, tick.seconds());
      if (!Double.isNaN(tick.lag()) && tick.lag() <= Math.max(1, recent.ingestorRate())) {
        return true;
      }
    }
    return false;
  }
}
