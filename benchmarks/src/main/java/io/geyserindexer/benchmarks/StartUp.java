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
}
