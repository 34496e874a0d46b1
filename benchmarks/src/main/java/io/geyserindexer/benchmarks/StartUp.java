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
   * Warm-up: samples for at least {@code min}, then until {@link SettleRule} finds the start-up
   * backlog behind us, for at most {@code limit} in all. A pipeline that cannot keep up never
   * settles; the measurement then starts at the limit and shows it.
   *
   * @return whether the pipeline settled within the limit
   */
  static boolean warmUp(PipelineSampler sampler, Duration min, Duration limit) throws Exception {
    double start = sampler.now();
    sampler.sampleFor(min.toSeconds());
    SettleRule rule = new SettleRule();
    while (sampler.now() < start + limit.toSeconds()) {
      sampler.sampleOnce();
      if (rule.settledAfter(sampler.ticks())) {
        return true;
      }
    }
    return false;
  }
}
