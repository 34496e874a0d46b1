package io.geyserindexer.runtime.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full-range jitter, bounded by {@code max}: attempt {@code n} (from 1)
 * waits a random time in {@code [d/2, d]} where {@code d = min(max, initial * multiplier^(n-1))}.
 * Jitter keeps many clients that failed together from retrying together.
 */
public record Backoff(Duration initial, Duration max, double multiplier) {

  public Backoff {
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("backoff initial delay must be positive, was " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "backoff max delay " + max + " is shorter than the initial delay " + initial);
    }
    if (multiplier < 1.0) {
      throw new IllegalArgumentException("backoff multiplier must be >= 1, was " + multiplier);
    }
  }

  /** The delay before retry number {@code attempt} (1 for the first retry). */
  public Duration delay(int attempt) {
    return Duration.ofNanos(jittered(ceiling(attempt)));
  }

  /** The upper bound of the delay before retry number {@code attempt}, without jitter. */
  public Duration ceilingOf(int attempt) {
    return Duration.ofNanos(ceiling(attempt));
  }

  private long ceiling(int attempt) {
    double nanos = initial.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
    return (long) Math.min(max.toNanos(), nanos);
  }

  private static long jittered(long ceiling) {
    long half = ceiling / 2;
    return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
  }
}
