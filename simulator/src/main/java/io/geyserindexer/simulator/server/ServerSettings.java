package io.geyserindexer.simulator.server;

import java.time.Duration;
import java.util.Optional;

/**
 * The server's own settings.
 *
 * @param port TCP port; 0 picks a free one
 * @param xToken required x-token, empty for none
 * @param replaySlots slots kept for from_slot replay; 0 disables replay
 * @param pingInterval how often every stream gets a server ping
 * @param queueCapacity updates queued per stream before it is ended as lagged
 * @param slotInterval time per slot; zero = as fast as the slowest subscriber drains
 * @param confirmDepth slots between a slot's PROCESSED and CONFIRMED
 * @param finalizeDepth slots between a slot's PROCESSED and FINALIZED
 * @param chaos injected faults
 * @param chaosSeed seed of the random stream cuts
 */
public record ServerSettings(
    int port,
    Optional<String> xToken,
    int replaySlots,
    Duration pingInterval,
    int queueCapacity,
    Duration slotInterval,
    int confirmDepth,
    int finalizeDepth,
    ChaosSettings chaos,
    long chaosSeed) {

  public ServerSettings {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
    }
    if (xToken.isPresent() && xToken.get().isEmpty()) {
      xToken = Optional.empty();
    }
    if (replaySlots < 0) {
      throw new IllegalArgumentException("replaySlots must be >= 0, was " + replaySlots);
    }
    if (pingInterval.isNegative() || pingInterval.isZero()) {
      throw new IllegalArgumentException("pingInterval must be positive");
    }
    if (queueCapacity < 16) {
      throw new IllegalArgumentException("queueCapacity must be >= 16, was " + queueCapacity);
    }
    if (slotInterval.isNegative()) {
      throw new IllegalArgumentException("slotInterval must not be negative");
    }
    if (confirmDepth < 0 || finalizeDepth < confirmDepth) {
      throw new IllegalArgumentException(
          "need 0 <= confirmDepth <= finalizeDepth, got " + confirmDepth + " and " + finalizeDepth);
    }
  }

  /**
   * Upstream-like defaults: 400 ms slots, 10 s pings, 300 replay slots, finalized 32 slots later.
   */
  public static ServerSettings defaults(int port) {
    return new ServerSettings(
        port,
        Optional.empty(),
        300,
        Duration.ofSeconds(10),
        250_000,
        Duration.ofMillis(400),
        1,
        32,
        ChaosSettings.NONE,
        0);
  }

  /** These settings with the x-token required on every call. */
  public ServerSettings withXToken(String token) {
    return new ServerSettings(
        port,
        Optional.of(token),
        replaySlots,
        pingInterval,
        queueCapacity,
        slotInterval,
        confirmDepth,
        finalizeDepth,
        chaos,
        chaosSeed);
  }

  /** These settings with another server ping interval. */
  public ServerSettings withPingInterval(Duration interval) {
    return new ServerSettings(
        port,
        xToken,
        replaySlots,
        interval,
        queueCapacity,
        slotInterval,
        confirmDepth,
        finalizeDepth,
        chaos,
        chaosSeed);
  }

  /** These settings with another per-session queue capacity. */
  public ServerSettings withQueueCapacity(int capacity) {
    return new ServerSettings(
        port,
        xToken,
        replaySlots,
        pingInterval,
        capacity,
        slotInterval,
        confirmDepth,
        finalizeDepth,
        chaos,
        chaosSeed);
  }

  /** These settings with other stream chaos, seeded by {@code seed}. */
  public ServerSettings withChaos(ChaosSettings chaosSettings, long seed) {
    return new ServerSettings(
        port,
        xToken,
        replaySlots,
        pingInterval,
        queueCapacity,
        slotInterval,
        confirmDepth,
        finalizeDepth,
        chaosSettings,
        seed);
  }
}
