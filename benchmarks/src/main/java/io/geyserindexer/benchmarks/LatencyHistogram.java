package io.geyserindexer.benchmarks;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Prometheus histogram of seconds at one scrape ({@code <name>_bucket{le=...}}, {@code _count},
 * {@code _sum}, {@code _max}). Two scrapes give the distribution between them ({@link #minus}); a
 * quantile is interpolated linearly inside its bucket, as Prometheus' {@code histogram_quantile}
 * does, so its resolution is the width of that bucket ({@link #bucketOf}).
 */
record LatencyHistogram(double[] upperBounds, double[] cumulative, double count, double max) {

  static final LatencyHistogram EMPTY =
      new LatencyHistogram(new double[0], new double[0], 0, Double.NaN);

  /** The histogram {@code name} (e.g. {@code persister_event_latency_seconds}) in a scrape. */
  static LatencyHistogram from(PrometheusText scrape, String name) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    for (PrometheusText.Sample sample : scrape.samples(name + "_bucket")) {
      String le = sample.labels().get("le");
      if (le == null) {
        throw new IllegalArgumentException(name + "_bucket without an le label");
      }
      double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
      buckets.merge(bound, sample.value(), Double::sum);
    }
    double[] bounds = new double[buckets.size()];
    double[] counts = new double[buckets.size()];
    int i = 0;
    for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
      bounds[i] = bucket.getKey();
      counts[i++] = bucket.getValue();
    }
    double count =
        scrape.has(name + "_count")
            ? scrape.sum(name + "_count")
            : counts.length == 0 ? 0 : counts[counts.length - 1];
    double max = scrape.has(name + "_max") ? scrape.sum(name + "_max") : Double.NaN;
    return new LatencyHistogram(bounds, counts, count, max);
  }

  /**
   * What was recorded after {@code earlier} and up to this scrape. The max is this scrape's (a
   * Prometheus max is a decaying gauge, not a cumulative figure).
   */
  LatencyHistogram minus(LatencyHistogram earlier) {
    if (earlier.upperBounds.length == 0) {
      return this;
    }
    if (!Arrays.equals(upperBounds, earlier.upperBounds)) {
      throw new IllegalArgumentException("histograms with different buckets");
    }
    double[] delta = new double[cumulative.length];
    for (int i = 0; i < delta.length; i++) {
      delta[i] = Math.max(0, cumulative[i] - earlier.cumulative[i]);
    }
    return new LatencyHistogram(upperBounds, delta, Math.max(0, count - earlier.count), max);
  }

  /** The q-quantile in seconds, or NaN without observations. */
  double quantile(double q) {
    if (q < 0 || q > 1) {
      throw new IllegalArgumentException("quantile must be in [0, 1], was " + q);
    }
    if (cumulative.length == 0 || cumulative[cumulative.length - 1] <= 0) {
      return Double.NaN;
    }
    double rank = q * cumulative[cumulative.length - 1];
    int i = 0;
    while (i < cumulative.length - 1 && cumulative[i] < rank) {
      i++;
    }
    double upper = upperBounds[i];
    double lower = i == 0 ? 0 : upperBounds[i - 1];
    if (Double.isInfinite(upper)) {
      // Past the highest finite bound nothing is known but that bound.
      return lower;
    }
    double below = i == 0 ? 0 : cumulative[i - 1];
    double inBucket = cumulative[i] - below;
    return inBucket <= 0 ? upper : lower + (upper - lower) * (rank - below) / inBucket;
  }

  /**
   * The bounds {@code [lower, upper]} of the highest bucket holding any observation: where the
   * window's slowest event lies, whatever happened before the window (unlike {@code _max}, which
   * Micrometer keeps as a max over the last few minutes). Null without observations.
   */
  double[] highestOccupiedBucket() {
    for (int i = cumulative.length - 1; i >= 0; i--) {
      double below = i == 0 ? 0 : cumulative[i - 1];
      if (cumulative[i] - below > 0) {
        return new double[] {i == 0 ? 0 : upperBounds[i - 1], upperBounds[i]};
      }
    }
    return null;
  }

  /** The bounds {@code [lower, upper]} of the bucket holding {@code seconds}. */
  double[] bucketOf(double seconds) {
    double lower = 0;
    for (double upper : upperBounds) {
      if (seconds <= upper) {
        return new double[] {lower, upper};
      }
      lower = upper;
    }
    return new double[] {lower, Double.POSITIVE_INFINITY};
  }
}
