package io.geyserindexer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  private static LatencyHistogram scrape(long le01, long le02, long le05, long inf, double max) {
    return LatencyHistogram.from(
        PrometheusText.parse(
            "h_seconds_bucket{le=\"0.1\",} "
                + le01
                + "\nh_seconds_bucket{le=\"0.2\",} "
                + le02
                + "\nh_seconds_bucket{le=\"0.5\",} "
                + le05
                + "\nh_seconds_bucket{le=\"+Inf\",} "
                + inf
                + "\nh_seconds_count "
                + inf
                + "\nh_seconds_sum 12.5\nh_seconds_max "
                + max
                + "\n"),
        "h_seconds");
  }

  @Test
  void quantilesComeFromTheBucketDeltasBetweenTwoScrapes() {
    // Before the window: 1,000 fast observations. In it: 100 more, 50 under 0.1 s, 49 in
    // (0.1, 0.2], one in (0.2, 0.5].
    LatencyHistogram first = scrape(1000, 1000, 1000, 1000, 0.05);
    LatencyHistogram last = scrape(1050, 1099, 1100, 1100, 0.3);

    LatencyHistogram window = last.minus(first);

    assertThat(window.count()).isEqualTo(100);
    // Rank 50 is the last of the first bucket: its upper bound.
    assertThat(window.quantile(0.5)).isCloseTo(0.1, within(1e-9));
    // Rank 99 is the last in (0.1, 0.2]: interpolated to the bound.
    assertThat(window.quantile(0.99)).isCloseTo(0.2, within(1e-9));
    // Rank 75: 25 of the 49 in (0.1, 0.2], linearly.
    assertThat(window.quantile(0.75)).isCloseTo(0.1 + 0.1 * 25 / 49, within(1e-9));
    assertThat(window.quantile(1.0)).isCloseTo(0.5, within(1e-9));
    assertThat(window.max()).isEqualTo(0.3);
    assertThat(window.highestOccupiedBucket()).containsExactly(0.2, 0.5);
  }

  @Test
  void theWindowsSlowestEventIgnoresSlowerOnesBeforeIt() {
    // Slow events before the window (in the open top bucket) must not count as its maximum.
    LatencyHistogram first = scrape(0, 0, 0, 10, 42);
    LatencyHistogram last = scrape(90, 100, 100, 110, 42);

    assertThat(last.minus(first).highestOccupiedBucket()).containsExactly(0.1, 0.2);
    assertThat(first.minus(first).highestOccupiedBucket()).isNull();
  }

  @Test
  void withoutTheWindowTheEarlierObservationsWouldDominate() {
    LatencyHistogram last = scrape(1050, 1099, 1100, 1100, 0.3);

    assertThat(last.quantile(0.5)).isLessThan(0.1);
  }

  @Test
  void aQuantileInTheOpenTopBucketIsTheHighestFiniteBound() {
    LatencyHistogram window = scrape(0, 0, 0, 10, 42).minus(LatencyHistogram.EMPTY);

    assertThat(window.quantile(0.99)).isEqualTo(0.5);
  }

  @Test
  void noObservationsGiveNoQuantile() {
    LatencyHistogram same = scrape(5, 5, 5, 5, 0.1);

    assertThat(same.minus(same).quantile(0.99)).isNaN();
    assertThat(LatencyHistogram.EMPTY.quantile(0.5)).isNaN();
  }

  @Test
  void tellsTheBucketAroundAValue() {
    LatencyHistogram h = scrape(1, 2, 3, 4, 1);

    assertThat(h.bucketOf(0.15)).containsExactly(0.1, 0.2);
    assertThat(h.bucketOf(0.05)).containsExactly(0.0, 0.1);
    assertThat(h.bucketOf(9)).containsExactly(0.5, Double.POSITIVE_INFINITY);
  }
}
