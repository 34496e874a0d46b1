package io.geyserindexer.persister.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PersisterMetricsTest {

  @Test
  void eventLatencyCountsEachStampedEventFromCreatedAtToCommit() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PersisterMetrics metrics = new PersisterMetrics(registry);

    long now = 1_800_000_000_000L;
    // 0 = no created_at on the record; a stamp after "now" is clock skew and counts as zero.
    metrics.committed(new long[] {now - 250, now - 1_000, 0, now + 40}, now);

    Timer latency = registry.get("persister.event.latency").timer();
    assertThat(latency.count()).isEqualTo(3);
    assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1_250.0);
    assertThat(latency.max(TimeUnit.MILLISECONDS)).isEqualTo(1_000.0);
  }
}
