package io.geyserindexer.simulator.server;

import java.time.Duration;

/**
 * Faults the server injects on purpose, to exercise a client's reconnect and flow control.
 *
 * @param cutEvery end each stream after this many updates sent; 0 = never
 * @param cutProbability end a stream with this probability after each update sent; 0 = never
 * @param abrupt cut by dropping every connection of the server (no status, no trailers, as when a
 *     node or proxy dies; the server accepts again at once) instead of a clean UNAVAILABLE
 * @param delayPerMessage slow mode: pause this long before each update sent; zero = off
 */
public record ChaosSettings(
    long cutEvery, double cutProbability, boolean abrupt, Duration delayPerMessage) {

  public static final ChaosSettings NONE = new ChaosSettings(0, 0, false, Duration.ZERO);

  public ChaosSettings {
    if (cutEvery < 0) {
      throw new IllegalArgumentException("cutEvery must be >= 0, was " + cutEvery);
    }
    if (!(cutProbability >= 0 && cutProbability <= 1)) {
      throw new IllegalArgumentException("cutProbability must be in [0, 1], was " + cutProbability);
    }
    if (delayPerMessage.isNegative()) {
      throw new IllegalArgumentException("delayPerMessage must not be negative");
    }
  }

  boolean cuts() {
    return cutEvery > 0 || cutProbability > 0;
  }
}
