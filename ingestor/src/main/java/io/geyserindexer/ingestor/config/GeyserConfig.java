package io.geyserindexer.ingestor.config;

import io.geyserindexer.runtime.config.EffectiveConfig;
import io.geyserindexer.runtime.retry.Backoff;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach and follow the Geyser server.
 *
 * @param endpoint {@code http://host:port} (plaintext) or {@code https://host:port} (TLS)
 * @param xToken the {@code x-token} sent on every call; null for none. Never printed.
 * @param caFile PEM trust anchors for TLS instead of the system trust store; null for the system's
 * @param maxInboundMessageBytes the largest update accepted (accounts reach 10 MiB)
 * @param keepAliveTime HTTP/2 keepalive ping interval
 * @param keepAliveTimeout how long a keepalive ping may stay unanswered
 * @param silenceTimeout a stream that delivers nothing (not even a ping) this long is dead
 * @param backoff delays between reconnect attempts
 * @param healthyAfter a stream that lived this long resets the backoff
 * @param resumeOverlapSlots slots replayed before the resume slot on reconnect (safety margin)
 * @param liveStart ignore the slots topic on start-up and subscribe live
 * @param captureFile record every received update to this capture file; null for none
 */
public record GeyserConfig(
    URI endpoint,
    String xToken,
    Path caFile,
    int maxInboundMessageBytes,
    Duration keepAliveTime,
    Duration keepAliveTimeout,
    Duration silenceTimeout,
    Backoff backoff,
    Duration healthyAfter,
    int resumeOverlapSlots,
    boolean liveStart,
    Path captureFile) {

  public GeyserConfig {
    String scheme = endpoint.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException(
          "GEYSER_ENDPOINT must start with http:// or https://, was " + scheme + "://");
    }
    if (endpoint.getHost() == null) {
      throw new IllegalArgumentException("GEYSER_ENDPOINT has no host");
    }
    if (caFile != null && !"https".equals(scheme)) {
      throw new IllegalArgumentException("GEYSER_CA_FILE needs an https:// GEYSER_ENDPOINT");
    }
    if (maxInboundMessageBytes < 1024 * 1024) {
      throw new IllegalArgumentException(
          "GEYSER_MAX_INBOUND_MESSAGE_BYTES must be at least 1 MiB, was " + maxInboundMessageBytes);
    }
    positive(silenceTimeout, "GEYSER_SILENCE_TIMEOUT");
    positive(keepAliveTime, "GEYSER_KEEPALIVE_TIME");
    positive(keepAliveTimeout, "GEYSER_KEEPALIVE_TIMEOUT");
    if (resumeOverlapSlots < 0) {
      throw new IllegalArgumentException("GEYSER_RESUME_OVERLAP_SLOTS must be >= 0");
    }
  }

  public boolean tls() {
    return "https".equals(endpoint.getScheme());
  }

  /** The port, defaulting to 443 for https and 80 for http. */
  public int port() {
    return endpoint.getPort() > 0 ? endpoint.getPort() : tls() ? 443 : 80;
  }

  static void positive(Duration value, String name) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  /** Never prints the token. */
  @Override
  public String toString() {
    return "GeyserConfig[endpoint="
        + EffectiveConfig.endpointForLog(endpoint)
        + ", xToken="
        + (xToken == null ? "none" : EffectiveConfig.MASK)
        + ", silenceTimeout="
        + silenceTimeout
        + "]";
  }
}
